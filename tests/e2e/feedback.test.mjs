// Feedback end to end with the real service: plan → step done → rating → it is stored
// once and comes back in the summary on the plan; with the service down the rating waits
// in the outbox and is delivered exactly once when the service is back; #rate/ links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, fixture, openHost, answerAll, w } from './support.mjs';

const env = fixture();

async function planWithDoneStep(page) {
  await w(page).locator('.ln-situation', { hasText: 'Переезд' }).click();
  await answerAll(page, {});
  await page.getByRole('button', { name: 'Показать план' }).click();
  const step = w(page).locator('.ln-step').first();
  await step.locator('.ln-step-toggle').click();
  await step.getByLabel('Я получил эту услугу').check();
  return step;
}

async function rate(step, overall = '5') {
  const form = step.locator('form.ln-rating');
  await form.getByRole('button', { name: 'Отправить оценку' }).click();
  await form.locator('.ln-error', { hasText: 'Поставьте все пять оценок' }).waitFor();
  const groups = form.locator('fieldset.ln-scale');
  for (let i = 0; i < 5; i++) await groups.nth(i).locator(`input[value="${i === 0 ? overall : '4'}"]`).check();
  await form.getByLabel('МФЦ (многофункциональный центр)').check();
  await form.getByLabel('Да', { exact: true }).check();
  await form.locator('textarea').fill('Быстро и вежливо');
  await form.getByRole('button', { name: 'Отправить оценку' }).click();
}

const summaryOf = async (base, service) => {
  const r = await fetch(`${base}/api/v1/summary?service=${service}`);
  return r.json();
};

test('the loop: a rating is stored once and shown on the plan', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { feedback: '/api/v1' });
  const events = [];
  await page.exposeFunction('recordFeedback', (detail) => events.push(detail));
  await page.evaluate(() =>
    document.querySelector('[data-lifenav]').addEventListener('lifenav:feedback', (e) => window.recordFeedback(e.detail)));
  const step = await planWithDoneStep(page);
  const service = await step.getAttribute('data-service');
  await rate(step, '5');
  await step.locator('[role=status]', { hasText: 'Оценка отправлена' }).waitFor();
  const s = await summaryOf(env.server.url, service);
  const figures = s.services?.find((x) => x.service === service) ?? s;
  assert.equal(figures.count, 1);
  assert.deepEqual(events, [{ kind: 'ratings' }], 'the host hears that feedback was sent, not what');
  // Another citizen (a fresh browser: the summary is cached for a minute) sees it.
  const other = await env.browser.newContext();
  const next = await openHost(other, env.server, { feedback: '/api/v1' });
  await w(next).locator('.ln-situation', { hasText: 'Переезд' }).click();
  await answerAll(next, {});
  await next.getByRole('button', { name: 'Показать план' }).click();
  await w(next).locator(`.ln-step[data-service="${service}"] .ln-step-toggle`).click();
  await w(next).locator('.ln-score', { hasText: /Оценка граждан: 5,0 из 5 \(1 оценка\)/ }).waitFor();
  await other.close();

  // Was this plan helpful?
  const helpful = w(page).locator('form.ln-helpful');
  await helpful.getByLabel('Да', { exact: true }).check();
  await helpful.getByRole('button', { name: 'Отправить' }).click();
  await w(page).locator('[role=status]', { hasText: 'Оценка отправлена' }).last().waitFor();
  await context.close();
});

test('service down: the rating waits in the outbox and is delivered exactly once', async () => {
  // The feedback API on its own port (another origin, allowed by CORS), so it can go down
  // while the page stays up.
  let api = await startServer({ origins: [env.server.url] });
  const listen = api.url.replace('http://', '');
  const dir = api.dir;
  await api.stop(true);
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { feedback: `${api.url}/api/v1` });
  const step = await planWithDoneStep(page);
  const service = await step.getAttribute('data-service');
  await rate(step, '2');
  await step.locator('[role=status]', { hasText: 'будет отправлена, когда появится связь' }).waitFor();
  const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem('lifenav.outbox')).items.length);
  assert.equal(waiting, 1);

  api = await startServer({ listen, dir, origins: [env.server.url] });
  try {
    await step.locator('[role=status]', { hasText: 'Оценка отправлена' }).waitFor({ timeout: 15000 });
    assert.equal(await page.evaluate(() => localStorage.getItem('lifenav.outbox')), null, 'the outbox is empty');
    // A reload resends nothing; the service has it once.
    await page.reload();
    await w(page).locator('.ln-step').first().waitFor();
    await page.waitForTimeout(500);
    const s = await summaryOf(api.url, service);
    const figures = s.services?.find((x) => x.service === service) ?? s;
    assert.equal(figures.count, 1);
    assert.equal(figures.mean_overall, 2);
  } finally {
    await api.stop();
    await context.close();
  }
});

test('a #rate/<service> link opens the rating form directly', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { feedback: '/api/v1', hash: '#rate/snils' });
  await w(page).locator('h2', { hasText: 'Оцените услугу' }).waitFor();
  await w(page).locator('form.ln-rating').waitFor();
  await w(page).getByRole('button', { name: 'К навигатору' }).click();
  await w(page).locator('.ln-situation').first().waitFor();
  await context.close();
});
