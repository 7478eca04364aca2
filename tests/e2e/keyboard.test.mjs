// The whole journey by keyboard alone, with focus moved to the new content at each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, w } from './support.mjs';

const env = fixture({ seed: null });

/// What has focus inside the widget's shadow root.
const focused = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-lifenav]').shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), text: el.textContent.trim(), id: el.id, type: el.type ?? null } : null;
  });

async function tabTo(page, predicate, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && predicate(f)) return f;
  }
  throw new Error('not reachable by Tab');
}

/// Search, choose, answer every question, review, show the plan, expand step 1: by keyboard.
async function journeyByKeyboard(page, query, title) {
  await w(page).locator('.ln-situation').first().waitFor();
  await tabTo(page, (f) => f.id === 'ln-q');
  await page.keyboard.type(query);
  await tabTo(page, (f) => f.tag === 'button' && f.text.includes(title));
  await page.keyboard.press('Enter');
  // Focus moves to the new question's legend (or to the review's heading).
  const focusMoves = (from) =>
    page.waitForFunction((from) => {
      const el = document.querySelector('[data-lifenav]').shadowRoot.activeElement;
      return el && ['LEGEND', 'H2'].includes(el.tagName) && el.textContent.trim() !== from;
    }, from);
  await focusMoves('');
  for (let i = 0; i < 10; i++) {
    const f = await focused(page);
    if (f?.tag === 'h2') break;
    assert.equal(f?.tag, 'legend', 'each question takes focus');
    // Into the options, pick with the arrow keys / space, then submit with Enter.
    const opt = await tabTo(page, (x) => x.tag === 'input');
    if (opt.type === 'radio') await page.keyboard.press('ArrowDown');
    else await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await focusMoves(f.text);
  }
  const review = await focused(page);
  assert.equal(review.tag, 'h2');
  assert.match(review.text, /Проверьте ответы/);
  await tabTo(page, (f) => f.text === 'Показать план');
  await page.keyboard.press('Enter');
  const heading = await focused(page);
  assert.equal(heading.tag, 'h2', 'the plan takes focus');
  await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith('Шаг 1'));
  await page.keyboard.press('Enter');
  assert.equal(await w(page).locator('.ln-step').first().locator('.ln-step-toggle').getAttribute('aria-expanded'), 'true');
}

test('keyboard only: search, choose, answer, review, plan, expand a step', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await journeyByKeyboard(page, 'переезд', 'Переезд');
  await context.close();
});

// The README's "done when": the demo city page, the embedded Irkutsk catalog, the birth of
// a child, keyboard alone (the first screen's module hands over to the app on the way).
test('keyboard only on the demo city page: the birth of a child, Irkutsk catalog', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/`);
  await journeyByKeyboard(page, 'ребен', 'Рождение ребёнка');
  assert.ok((await w(page).locator('.ln-step').count()) >= 3, 'a chain of services');
  await context.close();
});
