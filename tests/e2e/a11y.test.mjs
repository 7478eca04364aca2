// axe-core (WCAG 2.1 A and AA) on every screen, in the standard version and in the
// version for the visually impaired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, answerAll, axe, w } from './support.mjs';

const env = fixture();

for (const vi of [false, true]) {
  test(`axe: every screen${vi ? ', visually impaired version' : ''}`, async () => {
    const context = await env.browser.newContext();
    const page = await openHost(context, env.server, { feedback: '/api/v1' });
    await w(page).locator('.ln-situation').first().waitFor();
    if (vi) await w(page).getByRole('button', { name: 'Версия для слабовидящих' }).click();
    const violations = [];
    violations.push(...(await axe(page, 'start')));
    await w(page).locator('#ln-q').fill('рожд');
    violations.push(...(await axe(page, 'search results')));
    await w(page).locator('.ln-situation').first().click();
    await w(page).locator('form.ln-question').waitFor();
    violations.push(...(await axe(page, 'question')));
    await w(page).locator('button[type=submit]').click();
    await w(page).locator('.ln-error').filter({ hasText: /./ }).waitFor();
    violations.push(...(await axe(page, 'question with an error')));
    await answerAll(page, {});
    violations.push(...(await axe(page, 'review')));
    await page.getByRole('button', { name: 'Показать план' }).click();
    await w(page).locator('#ln-event').fill('2026-11-20');
    await w(page).getByRole('button', { name: 'Развернуть все шаги' }).click();
    violations.push(...(await axe(page, 'plan, all steps open')));
    await w(page).locator('.ln-step').first().getByLabel(/Я получил эту услугу/).check();
    await w(page).locator('form.ln-rating').waitFor();
    violations.push(...(await axe(page, 'plan with a rating form')));
    await w(page).locator('form.ln-rating button[type=submit]').click();
    await w(page).locator('form.ln-rating .ln-error').filter({ hasText: /./ }).waitFor();
    violations.push(...(await axe(page, 'rating form with an error')));
    await w(page).getByRole('button', { name: 'Мои ответы' }).click();
    violations.push(...(await axe(page, 'my answers')));
    const rate = await openHost(context, env.server, { feedback: '/api/v1', hash: '#rate/snils' });
    await w(rate).locator('form.ln-rating').waitFor();
    if (vi) await w(rate).locator('.ln.vi:visible').waitFor();
    violations.push(...(await axe(rate, 'a #rate/ link')));
    assert.deepEqual(violations, []);
    await context.close();
  });
}
