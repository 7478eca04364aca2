// The feedback loop in the browser, on the real server and the example catalog: posters
// whose QR code (read back from the rendered page with a QR decoder) opens the rating of
// the right service; the dashboard's filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { fixture, addUser, studio } from './support.mjs';

const env = fixture();
const ANALYST = ['anna', 'analyst-password-1'];
let added = false;

function accounts() {
  if (added) return;
  addUser(env.server, ANALYST[0], 'analyst', ANALYST[1]);
  added = true;
}

test('a poster prints with a QR code of the service\'s rating link', async () => {
  accounts();
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...ANALYST);
  await page.goto(`${env.server.url}/dashboard/posters`);
  const link = page.locator('a', { hasText: 'СНИЛС' }).first();
  await link.waitFor();
  await link.click();
  await page.locator('svg.qr').waitFor();
  assert.match(await page.locator('h1').textContent(), /Оцените услугу «.*СНИЛС/);
  const png = PNG.sync.read(await page.locator('svg.qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'the QR code decodes');
  const expected = `${env.server.url}/#rate/snils`;
  assert.equal(code.data, expected);
  assert.equal(await page.locator('.link').textContent(), expected, 'the link is printed under the code too');
  // A4 with print CSS: the page's @page rule is there and the poster fits one page.
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, 'one A4 page');
  // The decoded link opens the rating of that service in the widget.
  await page.goto(code.data);
  await page.locator('[data-lifenav]').locator('form.ln-rating').waitFor();
  await context.close();
});

test('the dashboard: a period and a department filter the indicators', async () => {
  accounts();
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...ANALYST);
  await page.goto(`${env.server.url}/dashboard`);
  await page.locator('h1').waitFor();
  await page.locator('select[name=department]').selectOption('zags');
  await page.locator('select[name=period]').selectOption('year');
  await page.getByRole('button', { name: 'Показать' }).click();
  await page.waitForURL(/department=zags/);
  assert.match(page.url(), /period=year/);
  assert.equal(await page.locator('select[name=department]').inputValue(), 'zags', 'the filter is kept');
  const a = await page.request.get(`${env.server.url}/dashboard?department=moon`);
  assert.equal(a.status(), 422, 'an unknown department is named, not a 500');
  assert.match(await a.text(), /department/);
  await context.close();
});
