// The whole journey by keyboard alone, with focus moved to the new content at each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, w } from './support.mjs';

const env = fixture();

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

test('keyboard only: search, choose, answer, review, plan, expand a step', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await w(page).locator('.ln-situation').first().waitFor();
  await tabTo(page, (f) => f.id === 'ln-q');
  await page.keyboard.type('переезд');
  await tabTo(page, (f) => f.tag === 'button' && f.text.includes('Переезд'));
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
  await context.close();
});
