// Several widgets on one page (data-lifenav="a", data-lifenav="b"): each keeps its own
// journey, they share one outbox that neither save erases, and a share link opens in
// every widget, not only in the first to load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, fixture, openHost } from './support.mjs';

const env = fixture();

// Answers every question of the widget `root` with its first option.
async function answerFirst(root) {
  for (let i = 0; i < 20; i++) {
    const form = root.locator('form.ln-question');
    const review = root.locator('h2', { hasText: 'Проверьте ответы' });
    await form.or(review).first().waitFor();
    if ((await form.count()) === 0) return;
    const q = await form.getAttribute('data-question');
    await form.locator('.ln-option input').first().check();
    await form.locator('button[type=submit]').click();
    await root.locator(`form.ln-question[data-question="${q}"]`).waitFor({ state: 'detached' });
  }
  throw new Error('too many questions');
}

async function rateFirstStep(root) {
  await root.locator('.ln-situation', { hasText: 'Переезд' }).click();
  await answerFirst(root);
  await root.getByRole('button', { name: 'Показать план' }).click();
  const step = root.locator('.ln-step').first();
  await step.locator('.ln-step-toggle').click();
  await step.getByLabel('Я получил эту услугу').check();
  const form = step.locator('form.ln-rating');
  const groups = form.locator('fieldset.ln-scale');
  for (let i = 0; i < 5; i++) await groups.nth(i).locator('input[value="4"]').check();
  await form.getByLabel('МФЦ (многофункциональный центр)').check();
  await form.getByRole('button', { name: 'Отправить оценку' }).click();
  await step.locator('[role=status]', { hasText: 'будет отправлена, когда появится связь' }).waitFor();
}

test('two widgets side by side share one outbox: one save does not erase the other\'s unsent rating', async () => {
  // A feedback service that is down: ratings wait in the outbox.
  const api = await startServer();
  const down = `${api.url}/api/v1`;
  await api.stop();
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { feedback: down, names: 'a,b' });
  const [a, b] = [page.locator('#a'), page.locator('#b')];
  await a.locator('.ln-situation').first().waitFor();
  await b.locator('.ln-situation').first().waitFor();
  await rateFirstStep(a);
  await rateFirstStep(b);
  const outbox = await page.evaluate(() => JSON.parse(localStorage.getItem('lifenav.outbox')));
  assert.equal(outbox.items.length, 2, 'both ratings wait, neither widget erased the other\'s');
  assert.equal(new Set(outbox.items.map((i) => i.id)).size, 2);
  // Each kept its own journey.
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys, ['lifenav.a.journey', 'lifenav.b.journey', 'lifenav.outbox', 'lifenav.ratings']);
  // The ratings sent (for their answers later) are one list too, with both widgets' ratings.
  const mine = await page.evaluate(() => JSON.parse(localStorage.getItem('lifenav.ratings')));
  assert.deepEqual(mine.items.map((r) => r.id).sort(), outbox.items.map((i) => i.id).sort());
  // After a reload both ratings are still there (each widget merges, none overwrites).
  await page.reload();
  await a.locator('.ln-step').first().waitFor();
  await b.locator('.ln-step').first().waitFor();
  await page.waitForTimeout(300);
  const again = await page.evaluate(() => JSON.parse(localStorage.getItem('lifenav.outbox')));
  assert.equal(again.items.length, 2);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a share link opens in every widget on the page, not only the first', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { names: 'a,b', hash: '#s=death&a.has_inheritance=yes' });
  for (const id of ['a', 'b']) {
    const root = page.locator(`#${id}`);
    await root.locator('h2', { hasText: 'Проверьте ответы' }).waitFor();
    assert.match(await root.locator('.ln-notice').textContent(), /по ссылке/, id);
  }
  assert.equal(await page.evaluate(() => location.hash), '', 'the link is cleared from the address');
  const saved = await page.evaluate(() => ['a', 'b'].map((n) => JSON.parse(localStorage.getItem(`lifenav.${n}.journey`)).situation));
  assert.deepEqual(saved, ['death', 'death']);
  await context.close();
});
