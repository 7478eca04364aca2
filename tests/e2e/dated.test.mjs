// Facts that change with time, in the widget: the same event gives the old fee when the
// next step falls before the change and the new one after it, and the plan says which
// day a figure is for, that a year has no production calendar, and which facts nobody
// found. On the dated test catalog (crates/lifenav-cli/tests/fixtures/dated, made up),
// with the widget's day set by the host (`data-today`), compared with the CLI's plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fixture, openHost, w, ROOT } from './support.mjs';

const env = fixture();
const DATED = 'crates/lifenav-cli/tests/fixtures/dated';

async function planOn(today) {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { catalog: '/test/dated.json', today });
  await w(page).locator('.ln-situation', { hasText: 'Событие' }).click();
  await page.getByRole('button', { name: 'Показать план' }).click();
  await w(page).locator('#ln-event').fill('2027-01-10');
  const permit = w(page).locator('.ln-step[data-service="permit"]');
  await permit.locator('.ln-step-toggle').click();
  return { context, page, permit };
}

function cliFee(today) {
  const out = execFileSync(join(ROOT, 'target/release/lifenav'),
    ['plan', DATED, '--situation', 'event', '--event-date', '2027-01-10', '--as-of', today, '--json'],
    { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out).total_fee;
}

test('before the change: the old fee, for the day the step can be taken', async () => {
  const { context, page, permit } = await planOn('2027-01-11');
  const fee = permit.locator('p', { hasText: 'Пошлина' });
  await fee.filter({ hasText: /1\s500/ }).waitFor();
  // The permit can be applied for once the certificate is ready, on 20 January: the fee
  // is read on that day, and the plan says so.
  assert.match(await fee.textContent(), /1\s500\s₽ \(Правила, п\. 5\) \(пошлина на 20 января 2027\)/);
  // A fee with one value for all time names no day.
  const free = w(page).locator('.ln-step[data-service="certificate"]');
  await free.locator('.ln-step-toggle').click();
  assert.equal(await free.locator('p', { hasText: 'Пошлина: бесплатно' }).textContent(), 'Пошлина: бесплатно');
  assert.equal(cliFee('2027-01-11'), 1500, 'the CLI agrees');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('after the change: the new fee, for the day the step can be taken', async () => {
  const { context, page, permit } = await planOn('2027-01-25');
  const fee = permit.locator('p', { hasText: 'Пошлина' });
  await fee.filter({ hasText: /2\s000/ }).waitFor();
  assert.match(await fee.textContent(), /\(пошлина на 3 февраля 2027\)/);
  assert.equal(cliFee('2027-01-25'), 2000, 'the CLI agrees');
  // 2027 has no production calendar in this catalog: the plan says its working days are
  // counted without the transfers.
  await w(page).locator('.ln-uncovered', { hasText: 'Рабочие дни 2027 года посчитаны без переносов' }).waitFor();
  // A fact nobody found is said, with where to ask.
  await permit.locator('.ln-unknown', { hasText: /Основания для отказа уточняйте в ведомстве: Ведомство/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});
