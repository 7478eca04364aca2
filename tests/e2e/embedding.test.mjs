// Embedding: the demo city page with hostile global CSS, a page that uses only the one
// script tag, and a catalog URL that fails (a clear message and the embedded default).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, w } from './support.mjs';

const env = fixture();

test('the demo city page: hostile CSS does not reach the widget, the widget touches nothing else', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}/`);
  const before = await page.evaluate(() => ({ html: document.documentElement.outerHTML.length, lang: document.documentElement.lang, title: document.title, cookie: document.cookie }));
  // The list shows the built-in situations at once and is redrawn with the published
  // ones (the example catalog's 3): measured once that has happened, not in between.
  await page.waitForFunction(() => document.querySelector('[data-lifenav]').shadowRoot.querySelectorAll('.ln-situation').length === 3);
  const button = w(page).locator('.ln-situation').first();
  const style = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return { transform: s.textTransform, background: s.backgroundColor, border: s.borderStyle };
  });
  assert.equal(style.transform, 'none', 'the host page uppercases buttons; not ours');
  assert.notEqual(style.background, 'rgb(255, 105, 180)', 'no hotpink');
  assert.equal(style.border, 'solid');
  const input = await w(page).locator('#ln-q').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(input > 100, `the host squeezes inputs to 20px; ours is ${input}px`);
  // The city's accent reaches the widget through a custom property.
  const accent = await w(page).locator('.ln:visible .ln-brand').evaluate((el) => getComputedStyle(el).color);
  assert.equal(accent, 'rgb(122, 31, 31)');
  await w(page).locator('.ln-situation').first().click();
  await w(page).locator('form.ln-question').waitFor();
  const after = await page.evaluate(() => ({ html: document.documentElement.outerHTML.length, lang: document.documentElement.lang, title: document.title, cookie: document.cookie }));
  assert.deepEqual({ ...after, html: undefined }, { ...before, html: undefined });
  assert.ok(Math.abs(after.html - before.html) < 200, 'only the data-lifenav-mounted marker was added to the host page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('one script tag: embedded.html mounts the widget from embed.js', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/embedded.html`);
  await w(page).locator('.ln-situation').first().waitFor();
  assert.equal(await w(page).locator('label[for=ln-q]').textContent(), 'Find a situation', 'data-lang="en" is read');
  await context.close();
});

test('catalog URL fails: a clear message and the embedded default catalog', async () => {
  const context = await env.browser.newContext();
  for (const catalog of ['/no-such-catalog.json', '/embed.js']) {
    const page = await openHost(context, env.server, { catalog });
    await w(page).locator('.ln-notice').waitFor();
    assert.match(await w(page).locator('.ln-notice').textContent(), /справочник/);
    assert.ok((await w(page).locator('.ln-situation').count()) >= 10, 'the embedded Irkutsk catalog is shown');
    await page.close();
  }
  await context.close();
});
