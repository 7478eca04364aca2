// What may come next: a plan ends with the situations that often follow, each saying how
// many questions it will still ask; starting one carries the answers over (with the
// citizen's consent), and it asks no more questions than it said. Example catalog:
// birth → moving when a kindergarten place is needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, answerAll, w } from './support.mjs';

const env = fixture();

async function birthPlan(page, needKindergarten) {
  await w(page).locator('.ln-situation', { hasText: 'Рождение' }).click();
  await answerAll(page, { need_kindergarten: needKindergarten });
  await page.getByRole('button', { name: 'Показать план' }).click();
  await w(page).locator('.ln-step').first().waitFor();
}

test('the plan names what may come next, and the next questionnaire keeps its word', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await birthPlan(page, 'yes');
  const section = w(page).locator('section.ln-next');
  await section.locator('h3', { hasText: 'Что может понадобиться дальше' }).waitFor();
  const item = section.locator('.ln-next-item[data-situation="moving"]');
  const left = await item.locator('.ln-next-left').textContent();
  const m = left.match(/не больше (\d+) вопрос/);
  assert.ok(m, `the count is said: «${left}»`);
  const promised = Number(m[1]);
  await item.getByRole('button', { name: 'Начать: Переезд' }).click();
  // The answers given for the birth can be reused: the citizen is asked first.
  await w(page).getByRole('button', { name: 'Да, использовать' }).click();
  const asked = await answerAll(page, {});
  assert.ok(Object.keys(asked).length <= promised, `asked ${Object.keys(asked).join(', ')}; promised at most ${promised}`);
  assert.ok(!('need_kindergarten' in asked) && !('by_representative' in asked), 'what was answered is not asked again');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a next situation whose condition does not hold is not offered', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server);
  await birthPlan(page, 'no');
  assert.equal(await w(page).locator('.ln-next-item[data-situation="moving"]').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});
