// The feedback loop in the browser, on the real server and the example catalog: a
// citizen's low rating is answered by the department in the studio, the citizen reads the
// answer in the widget and says it helped, the dashboard counts it; posters whose QR code
// (read back from the rendered page with a QR decoder) opens the rating of the right
// service; the dashboard's filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { fixture, addUser, studio, openHost, answerAll, w, shot } from './support.mjs';

const env = fixture();
const ANALYST = ['anna', 'analyst-password-1'];
const RESPONDER = ['roman', 'responder-password-1'];
let added = false;

function accounts() {
  if (added) return;
  addUser(env.server, ANALYST[0], 'analyst', ANALYST[1]);
  addUser(env.server, RESPONDER[0], 'responder', RESPONDER[1], ['zags', 'mfc', 'sfr', 'mvd', 'insurer']);
  added = true;
}

async function movingPlan(page) {
  await w(page).locator('.ln-situation', { hasText: 'Переезд' }).click();
  await answerAll(page, {});
  await page.getByRole('button', { name: 'Показать план' }).click();
  await w(page).locator('.ln-step').first().waitFor();
}

const COMMENT = 'Ждали почти час, одно окно на всех, очередь до улицы';
const ANSWER = 'Спасибо за отзыв. С понедельника открыто второе окно приёма.';

test('the loop: a department answers a low rating, the citizen reads it and says it helped', async () => {
  accounts();
  const citizen = await env.browser.newContext();
  const page = await openHost(citizen, env.server, { feedback: '/api/v1' });
  await movingPlan(page);
  const step = w(page).locator('.ln-step').first();
  const service = await step.getAttribute('data-service');
  await step.locator('.ln-step-toggle').click();
  await step.getByLabel('Я получил эту услугу').check();
  const form = step.locator('form.ln-rating');
  const groups = form.locator('fieldset.ln-scale');
  for (let i = 0; i < 5; i++) await groups.nth(i).locator(`input[value="${i === 0 ? '2' : '3'}"]`).check();
  // No queue on the portal: the waiting time is asked only for an office.
  await form.getByLabel('Госуслуги (через интернет)').check();
  assert.equal(await form.getByLabel(/Сколько минут вы ждали/).isVisible(), false, 'no waiting time for the portal');
  await form.getByLabel('МФЦ (многофункциональный центр)').check();
  await form.getByLabel(/Сколько минут вы ждали/).fill('два часа');
  await form.getByLabel(/Сколько раз пришлось прийти/).fill('3');
  await form.locator('textarea').fill(COMMENT);
  await form.getByRole('button', { name: 'Отправить оценку' }).click();
  await form.locator('.ln-error', { hasText: 'целое число минут' }).waitFor();
  await form.getByLabel(/Сколько минут вы ждали/).fill('55');
  await form.getByRole('button', { name: 'Отправить оценку' }).click();
  await step.locator('[role=status]', { hasText: 'Оценка отправлена' }).waitFor();
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('lifenav.ratings')).items);
  assert.equal(kept.length, 1, 'the browser keeps the id of the rating it sent');
  assert.equal(kept[0].service, service);

  // The department's responder answers it in the studio, publicly, quoting the comment.
  const staff = await env.browser.newContext();
  const desk = await studio(staff, env.server, ...RESPONDER);
  await desk.locator('nav.sections').getByRole('link', { name: 'Отзывы' }).click();
  const item = desk.locator('article.rating', { hasText: COMMENT });
  await item.waitFor();
  assert.match(await item.textContent(), /ждал в очереди 55 мин/, 'the responder sees the minutes waited');
  assert.match(await item.textContent(), /визитов: 3/);
  await item.getByLabel('Ответ гражданину').fill(ANSWER);
  await item.getByLabel(/Опубликовать ответ/).check();
  await item.getByLabel(/Фрагмент отзыва, который/).fill('одно окно на всех');
  await item.scrollIntoViewIfNeeded();
  await shot(desk, 'otzyvy');
  await item.getByRole('button', { name: 'Отправить ответ' }).click();
  await desk.locator('.notice.info').waitFor();
  assert.deepEqual(desk.errors, []);

  // The citizen comes back: the widget asks for the answers to its own ratings.
  await page.reload();
  const tool = w(page).locator('.ln-my-ratings-tool');
  await tool.filter({ hasText: '1 новый ответ' }).waitFor();
  const again = w(page).locator(`.ln-step[data-service="${service}"]`);
  await again.locator('.ln-step-toggle').click();
  const answer = again.locator('.ln-answer');
  await answer.filter({ hasText: ANSWER }).waitFor();
  assert.match(await answer.textContent(), /Ведомство ответило/);
  await tool.filter({ hasNotText: 'новый ответ' }).waitFor();
  await answer.getByRole('button', { name: 'Да', exact: true }).click();
  await answer.locator('.ln-ok', { hasText: 'помог' }).waitFor();
  // «Мои оценки» lists it with the answer and the reply.
  await tool.click();
  const mine = w(page).locator('.ln-my-ratings li', { hasText: ANSWER });
  await mine.waitFor();
  assert.match(await mine.textContent(), /Ваша оценка: 2 из 5/);
  assert.match(await mine.textContent(), /помог/);

  // The outbox delivers the reply; the dashboard counts the answer and the reply.
  await page.waitForFunction(() => localStorage.getItem('lifenav.outbox') === null);
  const analyst = await studio(await env.browser.newContext(), env.server, ...ANALYST);
  await analyst.goto(`${env.server.url}/dashboard`);
  const body = await analyst.locator('body').textContent();
  await shot(analyst, 'panel');
  assert.match(body, /1 вовремя из 1/, 'the answer counts as on time');
  assert.match(body, /Ответ помог гражданину\s*100/, 'the citizen said it helped');

  // Another citizen sees the public answer beside the service's score.
  const other = await env.browser.newContext();
  const next = await openHost(other, env.server, { feedback: '/api/v1' });
  await movingPlan(next);
  const theirs = w(next).locator(`.ln-step[data-service="${service}"]`);
  await theirs.locator('.ln-step-toggle').click();
  const pub = theirs.locator('details.ln-public-answers');
  await pub.locator('summary', { hasText: 'Ответы ведомства на отзывы (1)' }).click();
  assert.match(await pub.textContent(), /«одно окно на всех»/);
  assert.match(await pub.textContent(), new RegExp(ANSWER));
  assert.equal(await theirs.locator('.ln-answer').count(), 0, 'the answer addressed to the first citizen is not theirs');
  assert.deepEqual(page.errors, []);
  await Promise.all([citizen.close(), staff.close(), other.close(), analyst.context().close()]);
});

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
