// Keep and share: resume after reload, damaged saved state, delete my data, share link
// round trip, language switch, the version for the visually impaired, the profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, answerAll, w } from './support.mjs';

const env = fixture();

async function toPlan(page, situation, answers) {
  await w(page).locator('.ln-situation', { hasText: situation }).click();
  const given = await answerAll(page, answers);
  await page.getByRole('button', { name: /Показать план|Show the plan/ }).click();
  await w(page).locator('.ln-step').first().waitFor();
  return given;
}

const services = (page) => w(page).locator('.ln-step').evaluateAll((els) => els.map((e) => e.dataset.service));

test('resume after reload, then start over', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await toPlan(page, 'Смерть', { has_inheritance: 'yes' });
  await w(page).locator('.ln-checklist input').first().check();
  const before = await services(page);
  await page.reload();
  await w(page).locator('.ln-step').first().waitFor();
  assert.deepEqual(await services(page), before, 'the same plan after a reload');
  assert.equal(await w(page).locator('.ln-checklist input').first().isChecked(), true, 'ticks persist');
  await w(page).getByRole('button', { name: 'Начать заново' }).click();
  await w(page).locator('#ln-q').waitFor();
  await page.reload();
  await w(page).locator('#ln-q').waitFor();
  assert.equal(await w(page).locator('.ln-step').count(), 0);
  await context.close();
});

test('damaged saved state: a notice and a working start screen, never a blank widget', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await w(page).locator('.ln-situation').first().waitFor();
  for (const damaged of ['{"v":1,"situation":', '{"v":7}', '"just a string"']) {
    await page.evaluate((d) => localStorage.setItem('lifenav.journey', d), damaged);
    await page.reload();
    await w(page).locator('.ln-notice').waitFor();
    assert.match(await w(page).locator('.ln-notice').textContent(), /повреждены/);
    assert.ok((await w(page).locator('.ln-situation').count()) > 0, damaged);
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('damaged list of my ratings: reset with a notice; «delete all my data» forgets the ratings too', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await w(page).locator('.ln-situation').first().waitFor();
  await page.evaluate(() => localStorage.setItem('lifenav.ratings', '{"items":[{"id":'));
  await page.reload();
  await w(page).locator('.ln-notice', { hasText: 'список ваших оценок был повреждён' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lifenav.ratings')), null, 'the damaged list is gone');
  assert.ok((await w(page).locator('.ln-situation').count()) > 0, 'the navigator works');
  // A sound list survives a reload, and goes with everything else on request.
  const kept = { items: [{ id: '7d0c3a52-5d0f-4c1e-9d57-2a7f7c1b9e01', service: 'snils', overall: 2, day: '2026-11-30' }] };
  await page.evaluate((k) => localStorage.setItem('lifenav.ratings', JSON.stringify(k)), kept);
  await page.reload();
  await w(page).locator('.ln-situation').first().waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('lifenav.ratings'))).items.length, 1);
  await w(page).locator('.ln-situation').first().click();
  await w(page).locator('form.ln-question').waitFor();
  await w(page).getByRole('button', { name: 'Мои ответы' }).click();
  await w(page).getByRole('button', { name: 'Удалить все мои данные' }).click();
  await w(page).locator('.ln-notice', { hasText: 'удалены' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lifenav.ratings')), null);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('share link round trip: a new browser opens the same plan', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openHost(context, env.server);
  await toPlan(page, 'Рождение', { parents_married: 'no', paternity_acknowledged: 'no' });
  await w(page).locator('#ln-event').fill('2026-11-20');
  const expected = await services(page);
  await w(page).getByRole('button', { name: 'Ссылка на план' }).click();
  const link = await w(page).locator('#ln-share').inputValue();
  assert.match(link, /#s=birth&d=2026-11-20&/);
  assert.ok(!link.split('#')[0].includes('parents_married'), 'answers travel only in the fragment, never to the server');

  const other = await env.browser.newContext();
  const opened = await other.newPage();
  await opened.goto(link);
  await w(opened).locator('h2', { hasText: 'Проверьте ответы' }).waitFor();
  assert.match(await w(opened).locator('.ln-notice').textContent(), /по ссылке/);
  await opened.getByRole('button', { name: 'Показать план' }).click();
  assert.deepEqual(await services(opened), expected);
  assert.equal(await w(opened).locator('#ln-event').inputValue(), '2026-11-20');
  await other.close();

  const bad = await env.browser.newContext();
  const broken = await openHost(bad, env.server, { hash: '#s=wedding&a.x=1' });
  await w(broken).locator('.ln-notice').waitFor();
  assert.match(await w(broken).locator('.ln-notice').textContent(), /wedding/);
  assert.ok((await w(broken).locator('.ln-situation').count()) > 0);
  await bad.close();
  await context.close();
});

test('language switch, and it is remembered', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await w(page).locator('.ln-situation').first().waitFor();
  await w(page).getByRole('button', { name: 'Switch to English' }).click();
  await w(page).locator('label[for=ln-q]', { hasText: 'Find a situation' }).waitFor();
  assert.ok(await w(page).locator('.ln-situation-title', { hasText: 'A child is born' }).count());
  assert.equal(await w(page).locator('.ln:visible').getAttribute('lang'), 'en');
  await page.reload();
  await w(page).locator('label[for=ln-q]', { hasText: 'Find a situation' }).waitFor();
  await context.close();
});

test('the version for the visually impaired: larger type, high contrast, remembered', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await w(page).locator('.ln-situation').first().waitFor();
  const size = () => w(page).locator('.ln:visible').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const normal = await size();
  const toggle = w(page).getByRole('button', { name: 'Версия для слабовидящих' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.ok((await size()) >= normal * 1.4, 'type at least 40% larger');
  const colors = await w(page).locator('.ln:visible').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  assert.deepEqual(colors, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  await page.reload();
  await w(page).locator('.ln.vi:visible').waitFor();
  await context.close();
});

test('reflow: on a 320 px phone nothing scrolls sideways, even in large print with every step open', async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await openHost(context, env.server);
  await toPlan(page, 'Смерть', {});
  for (const vi of [false, true]) {
    if (vi) await w(page).getByRole('button', { name: 'Версия для слабовидящих' }).click();
    const toggle = w(page).getByRole('button', { name: 'Развернуть все шаги' });
    if (await toggle.count()) await toggle.click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `${vi ? 'large print: ' : ''}the page is ${width}px wide`);
  }
  await context.close();
});

test('profile: answers reused across situations only with consent, erased on request', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await toPlan(page, 'Рождение', { by_representative: 'yes' });
  await w(page).getByRole('button', { name: 'Начать заново' }).waitFor();
  // Back to the start without erasing this situation's answers.
  await page.evaluate(() => {
    const j = JSON.parse(localStorage.getItem('lifenav.journey'));
    j.stage = 'start';
    localStorage.setItem('lifenav.journey', JSON.stringify(j));
  });
  await page.reload();
  await w(page).locator('.ln-situation', { hasText: 'Смерть' }).click();
  await w(page).getByRole('button', { name: 'Да, использовать' }).click();
  // by_representative is not asked again.
  const asked = [];
  for (let i = 0; i < 10; i++) {
    const form = w(page).locator('form.ln-question');
    if (!(await form.count())) break;
    const q = await form.getAttribute('data-question');
    asked.push(q);
    await form.locator('.ln-option input').first().check();
    await form.locator('button[type=submit]').click();
    await page.waitForFunction((q) => document.querySelector('[data-lifenav]').shadowRoot.querySelector('form.ln-question')?.dataset.question !== q, q);
  }
  assert.ok(!asked.includes('by_representative'), asked.join());
  await w(page).getByRole('button', { name: 'Мои ответы' }).click();
  assert.ok(await w(page).locator('dt', { hasText: 'доверенност' }).count() > 0);
  await w(page).getByRole('button', { name: 'Удалить все мои данные' }).click();
  await w(page).locator('.ln-notice', { hasText: 'удалены' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lifenav.journey')), null);
  await context.close();
});

test('calendar export: one all-day event per deadline, as dates the plan shows', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await openHost(context, env.server);
  await toPlan(page, 'Рождение', {});
  await w(page).getByRole('button', { name: 'Сроки в календарь (.ics)' }).click();
  await w(page).locator('.ln-hint', { hasText: 'Укажите дату события' }).waitFor();
  await w(page).locator('#ln-event').fill('2026-11-20');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    w(page).getByRole('button', { name: 'Сроки в календарь (.ics)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'birth.ics');
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const ics = Buffer.concat(chunks).toString('utf8');
  const dates = await w(page).locator('time.ln-deadline').evaluateAll((els) => els.map((e) => e.getAttribute('datetime').replaceAll('-', '')));
  assert.ok(dates.length > 0);
  assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, dates.length);
  for (const d of dates) assert.ok(ics.includes(`DTSTART;VALUE=DATE:${d}`), d);
  await context.close();
});

test('print view: a clean page with the checklist, in a new tab', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await toPlan(page, 'Смерть', {});
  const items = await w(page).locator('.ln-checklist li').count();
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    w(page).getByRole('button', { name: 'Распечатать или сохранить в PDF' }).click(),
  ]);
  await popup.waitForLoadState();
  assert.equal(await popup.locator('h1').textContent(), 'Смерть близкого человека');
  assert.equal(await popup.locator('.box').count(), items, 'a box to tick for every document');
  await context.close();
});

test('storage refused by the browser: a notice, and the navigator still works', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  const page = await openHost(context, env.server);
  await w(page).locator('.ln-situation', { hasText: 'Переезд' }).click();
  await w(page).locator('.ln-notice', { hasText: 'не даёт сохранить' }).waitFor();
  await answerAll(page, {});
  await page.getByRole('button', { name: 'Показать план' }).click();
  assert.ok((await w(page).locator('.ln-step').count()) > 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});
