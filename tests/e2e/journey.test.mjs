// The whole journey for three situations of the example catalog, checked against the
// plan the core computes for the same answers (through the CLI): same steps in the same
// order, same deadlines, same checklist. And the events the host page receives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, answerAll, cliPlan, w } from './support.mjs';

const env = fixture();

const journeys = [
  { query: 'рожд', situation: 'birth', eventDate: '2026-11-20',
    answers: { parents_married: 'no', paternity_acknowledged: 'yes', by_representative: 'no', low_income: 'yes', need_kindergarten: 'no' } },
  { query: 'похорон', situation: 'death', eventDate: '2026-11-02',
    answers: { paid_funeral: 'no', has_inheritance: 'yes', has_will: 'no', by_representative: 'yes' } },
  { query: 'переезд', situation: 'moving', eventDate: null,
    answers: { housing: 'tenant', has_school_child: 'yes', by_representative: 'no' } },
];

for (const j of journeys) {
  test(`journey: ${j.situation}`, async () => {
    const context = await env.browser.newContext();
    const page = await openHost(context, env.server);
    const events = [];
    await page.exposeFunction('recordEvent', (name, detail) => events.push({ name, detail }));
    await page.evaluate(() => {
      const host = document.querySelector('[data-lifenav]');
      for (const name of ['lifenav:situation', 'lifenav:plan']) {
        host.addEventListener(name, (e) => window.recordEvent(name, e.detail));
      }
    });
    await w(page).locator('#ln-q').fill(j.query);
    const first = w(page).locator('.ln-situation').first();
    await first.click();
    const given = await answerAll(page, j.answers);
    await page.getByRole('button', { name: 'Показать план' }).click();
    if (j.eventDate) await w(page).locator('#ln-event').fill(j.eventDate);
    const expected = cliPlan('catalog/example', j.situation, given, j.eventDate);

    const services = await w(page).locator('.ln-step').evaluateAll((els) => els.map((e) => e.dataset.service));
    assert.deepEqual(services, expected.steps.map((s) => s.service), 'the widget shows the core plan, in order');
    const deadlines = await w(page).locator('time.ln-deadline').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    assert.deepEqual(deadlines, expected.steps.filter((s) => s.deadline_date).map((s) => s.deadline_date));
    const checklist = await w(page).locator('.ln-checklist li').count();
    assert.equal(checklist, expected.checklist.length);
    const summary = await w(page).locator('.ln-summary').textContent();
    assert.match(summary, new RegExp(`${expected.steps.length} шаг`));

    // Expand a step: its documents and the reasons behind it are there.
    const step = w(page).locator('.ln-step').first();
    await step.locator('.ln-step-toggle').click();
    assert.equal(await step.locator('.ln-step-toggle').getAttribute('aria-expanded'), 'true');
    await assert.doesNotReject(step.locator('.ln-step-body').waitFor({ state: 'visible' }));

    assert.deepEqual(events.map((e) => e.name), ['lifenav:situation', 'lifenav:plan']);
    assert.equal(events[0].detail.situation, j.situation);
    assert.equal(events[1].detail.steps, expected.steps.length);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('back and change keep every earlier answer', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await w(page).locator('.ln-situation', { hasText: 'Рождение' }).click();
  const firstQ = await w(page).locator('form.ln-question').getAttribute('data-question');
  await w(page).locator('form.ln-question input[value="no"]').check();
  await w(page).locator('button[type=submit]').click();
  await page.waitForFunction((q) => document.querySelector('[data-lifenav]').shadowRoot.querySelector('form.ln-question').dataset.question !== q, firstQ);
  assert.match(await w(page).locator('.ln-progress').textContent(), /^Вопрос 2, /);
  await w(page).getByRole('button', { name: 'Назад' }).click();
  assert.equal(await w(page).locator('form.ln-question').getAttribute('data-question'), firstQ);
  assert.equal(await w(page).locator('form.ln-question input[value="no"]').isChecked(), true, 'the earlier answer is kept');
  await context.close();
});
