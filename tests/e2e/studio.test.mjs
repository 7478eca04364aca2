// The catalog studio against the real server, the embedded Irkutsk catalog and real
// accounts: an editor changes a department's hours and a service's fee through the forms,
// gives a condition an unknown option and fixes it at its field, and submits; a reviewer
// sees the diff and the scenarios' impact, approves, and publishing is refused while a
// scenario fails; once the scenarios are updated the change is published and the demo
// page's widget shows the new fee. Then: a stale save (409) shown as both texts, an author
// who cannot approve their own change, keyboard only, a <script> kept as text, export →
// `lifenav check` and `lifenav test`, import of catalog/example, axe on every screen.
// The tests of this file run in order on one server and build on each other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, addUser, studio, axeStudio, answerAll, w, ROOT } from './support.mjs';

const env = {};
const EDITOR = ['elena', 'editor-password-1'];
const REVIEWER = ['petr', 'reviewer-password-1'];
const BOTH = ['olga', 'olga-password-12'];
const HOURS = 'пн–пт 9:00–18:00, сб 10:00–14:00';

before(async () => {
  env.server = await startServer({ seed: null });
  addUser(env.server, EDITOR[0], 'editor', EDITOR[1]);
  addUser(env.server, REVIEWER[0], 'reviewer', REVIEWER[1]);
  addUser(env.server, BOTH[0], ['editor', 'reviewer'], BOTH[1]);
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.server?.stop();
});

const main = (page) => page.locator('main');

async function open(page, path) {
  await page.goto(`${env.server.url}/studio${path}`);
  await page.locator('nav.sections').waitFor();
}

async function openItem(page, kind, id) {
  await open(page, `/edit/${kind}/${encodeURIComponent(id)}`);
  await main(page).locator('h1').filter({ hasText: /:/ }).waitFor();
}

async function save(page) {
  await main(page).getByRole('button', { name: 'Сохранить', exact: true }).click();
  await page.locator('.notice.info').filter({ hasText: 'Сохранено' }).waitFor();
}

async function submit(page, message) {
  await open(page, '/');
  await page.locator('#submit-message').fill(message);
  await page.getByRole('button', { name: 'Отправить на проверку' }).last().click();
  const notice = page.locator('.notice.info').filter({ hasText: 'Отправлено на проверку' });
  await notice.waitFor();
  return Number((await notice.textContent()).match(/(\d+)\s*$/)[1]);
}

async function review(page, number) {
  await open(page, `/versions/${number}`);
  await page.locator('#version-state').waitFor();
}

async function act(page, button) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator('.notice.info, .notice.error').filter({ hasText: /Готово|.+/ }).first().waitFor();
}

test('an editor changes hours and a fee through the forms, fixes a condition at its field, and submits', async () => {
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...EDITOR);
  // A department's opening hours.
  await openItem(page, 'departments', 'zags');
  await page.locator('#field-hours').fill(HOURS);
  await save(page);
  // A service's fee.
  await openItem(page, 'services', 'marriage-registration');
  await page.locator('#field-fee-amount').fill('400');
  await page.locator('#field-fee-amount').press('Tab');
  await save(page);
  // A condition with an option its question does not have: the error is shown at the field.
  await openItem(page, 'situations', 'business');
  const id = await page.evaluate(() => [...document.querySelectorAll('input[id$="-when-text"]')].find((i) => i.value === 'outdoor_ad == "sign"').id);
  const field = page.locator(`#${id}`);
  await field.fill('outdoor_ad == "billboard"');
  const fieldset = page.locator(`fieldset#${id.replace(/-text$/, '')}`);
  const error = fieldset.locator('.cond-error');
  await error.waitFor();
  assert.match(await error.textContent(), /позиция 15: question `outdoor_ad` has no option "billboard"/);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  // Also on the problems list, with the message of `lifenav check`, as a link to the field.
  await page.getByRole('link', { name: /Проблемы/ }).first().click();
  const problem = main(page).locator('.problem.error').filter({ hasText: 'billboard' });
  await problem.waitFor();
  await problem.locator('a').click();
  await page.locator(`#${id}`).waitFor();
  // Fixed with the builder: the value is chosen from the question's options.
  await fieldset.locator('select[id$="-v0"]').selectOption('sign');
  await error.waitFor({ state: 'detached' });
  assert.equal(await page.locator(`#${id}`).inputValue(), 'outdoor_ad == "sign"');
  await save(page);
  env.first = await submit(page, 'Часы работы ЗАГС и пошлина за брак 400 ₽');
  assert.equal(env.first, 2);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a reviewer sees the diff and the impact, approves; a publish with failing scenarios is refused', async () => {
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...REVIEWER);
  await review(page, env.first);
  const diff = page.locator('.diff');
  assert.match(await diff.textContent(), /сб 10:00–14:00/);
  assert.match(await diff.textContent(), /amount = 400/);
  const impact = await page.locator('ul.impact').textContent();
  assert.match(impact, /пошлина 350 ₽ → 400 ₽/, 'the fee change in the plans of the marriage scenarios');
  assert.match(await page.locator('#impact-summary').textContent(), /Изменятся планы 3 из/);
  await act(page, 'Одобрить');
  await page.locator('#version-state').filter({ hasText: 'одобрена' }).waitFor();
  await page.getByRole('button', { name: 'Опубликовать сейчас' }).click();
  const refused = page.locator('.notice.error[role=alert]');
  await refused.waitFor();
  assert.match(await refused.textContent(), /total fee: expected 650, got 700/);
  // Citizens still get version 1.
  const etag = (await page.request.get(`${env.server.url}/api/v1/catalog/bundle.json`)).headers().etag;
  assert.match(etag, /^"v1-/);
  await context.close();
});

test('after the scenarios follow the fee, the change is published and the demo page shows it', async () => {
  const context = await env.browser.newContext();
  const editor = await studio(context, env.server, ...EDITOR);
  await openItem(editor, 'scenarios', 'обычный случай: взрослые, обычный месяц ожидания, невеста берёт фамилию жениха');
  await editor.getByRole('tab', { name: 'Исходный текст (TOML)' }).click();
  const source = editor.locator('#source');
  const text = await source.inputValue();
  await source.fill(text.replaceAll('total_fee = 650', 'total_fee = 700').replaceAll('total_fee = 350', 'total_fee = 400'));
  await save(editor);
  const next = await submit(editor, 'Сценарии брака: пошлина 400 ₽');
  const other = await env.browser.newContext();
  const reviewer = await studio(other, env.server, ...REVIEWER);
  await review(reviewer, next);
  assert.match(await reviewer.locator('#check-title + p').textContent(), /не проходят: 0/);
  await act(reviewer, 'Одобрить');
  await reviewer.locator('#version-state').filter({ hasText: 'одобрена' }).waitFor();
  await act(reviewer, 'Опубликовать сейчас');
  await reviewer.locator('#version-state').filter({ hasText: 'опубликована' }).waitFor();
  // The demo city page's widget reads the published bundle on its next load.
  const citizen = await env.browser.newContext();
  const page = await citizen.newPage();
  await page.goto(`${env.server.url}/`);
  await w(page).locator('.ln-situation').filter({ hasText: 'Вступление в брак' }).first().click();
  await answerAll(page, { under_18: 'no', urgent_marriage: 'no', change_surname: 'yes' });
  await page.getByRole('button', { name: 'Показать план' }).click();
  await w(page).getByRole('button', { name: 'Развернуть все шаги' }).click();
  const plan = await w(page).locator('.ln-step').first().textContent();
  assert.match(plan, /400 ₽/, 'the new fee');
  assert.match(await w(page).locator('.ln').filter({ hasText: 'Пошлины всего' }).first().textContent(), /700 ₽/);
  await Promise.all([context.close(), other.close(), citizen.close()]);
});

test('a stale save gets 409: both texts are shown and the editor chooses', async () => {
  const a = await env.browser.newContext();
  const b = await env.browser.newContext();
  const first = await studio(a, env.server, ...EDITOR);
  const second = await studio(b, env.server, ...BOTH);
  await openItem(first, 'departments', 'zags');
  await openItem(second, 'departments', 'zags');
  await second.locator('#field-phone').fill('+7 3952 00-00-00');
  await second.locator('#field-phone').press('Tab');
  await save(second);
  await first.locator('#field-hours').fill('пн–пт 8:00–17:00');
  await main(first).getByRole('button', { name: 'Сохранить', exact: true }).click();
  const conflict = first.locator('section.conflict');
  await conflict.waitFor();
  assert.match(await conflict.locator('h2').textContent(), /Файл изменил другой сотрудник \(olga\)/);
  const [mine, theirs] = await conflict.locator('pre').allTextContents();
  assert.match(mine, /пн–пт 8:00–17:00/, 'my text is kept');
  assert.match(theirs, /\+7 3952 00-00-00/, 'theirs is shown');
  await conflict.getByRole('button', { name: 'Оставить мой текст' }).click();
  await save(first);
  const draft = await (await first.request.get(`${env.server.url}/api/v1/studio/draft`)).json();
  const saved = draft.files.find((f) => f.path === 'departments.toml').text;
  assert.match(saved, /пн–пт 8:00–17:00/);
  await Promise.all([a.close(), b.close()]);
});

test('an author cannot approve their own change', async () => {
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...BOTH);
  const number = await submit(page, 'Часы ЗАГС с 8 утра');
  await review(page, number);
  assert.match(await page.locator('.actions-panel').textContent(), /Вы автор этого изменения/);
  await page.getByRole('button', { name: 'Одобрить', exact: true }).click();
  const refusal = page.locator('.notice.error[role=alert]');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /author of a change cannot approve it/);
  await act(page, 'Отозвать');
  await page.locator('#version-state').filter({ hasText: 'отозвана' }).waitFor();
  await context.close();
});

test('keyboard only: sign in, open a department, change its hours, save', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/studio/`);
  await page.locator('#login').waitFor();
  const active = () => page.evaluate(() => ({ id: document.activeElement.id, tag: document.activeElement.tagName, text: document.activeElement.textContent.trim() }));
  const tabTo = async (predicate, key = 'Tab') => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press(key);
      const f = await active();
      if (predicate(f)) return f;
    }
    throw new Error('not reachable by keyboard');
  };
  await page.locator('#login').focus();
  await page.keyboard.type(EDITOR[0]);
  await page.keyboard.press('Tab');
  await page.keyboard.type(EDITOR[1]);
  await page.keyboard.press('Enter');
  await page.locator('nav.sections').waitFor();
  await page.locator('.skip').focus();
  await tabTo((f) => f.tag === 'A' && f.text === 'Ведомства');
  await page.keyboard.press('Enter');
  await main(page).locator('table.items a').first().waitFor();
  await tabTo((f) => f.tag === 'A' && f.text.startsWith('Отдел ЗАГС'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.tagName === 'H1' && document.activeElement.textContent.includes('ЗАГС'));
  await tabTo((f) => f.id === 'field-hours');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('пн–пт 9:00–17:00');
  await tabTo((f) => f.tag === 'BUTTON' && f.text === 'Сохранить', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.locator('.notice.info').filter({ hasText: 'Сохранено' }).waitFor();
  await context.close();
});

test('a catalog text with <script> stays text in the studio', async () => {
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...EDITOR);
  await openItem(page, 'documents', 'passport');
  await page.locator('#field-title').fill('<script>window.__pwned = 1</script>Паспорт <b>гражданина</b>');
  await save(page);
  await open(page, '/items/documents');
  const row = main(page).locator('table.items a').filter({ hasText: '<script>' });
  await row.waitFor();
  assert.equal(await row.textContent(), '<script>window.__pwned = 1</script>Паспорт <b>гражданина</b>');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await main(page).locator('table.items b').count(), 0);
  await context.close();
});

test('export: `lifenav check` and `lifenav test` on the exported folder agree with the studio', async () => {
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...EDITOR);
  await open(page, '/problems');
  const summary = await page.locator('#check-summary').filter({ hasText: 'мс' }).textContent();
  const zip = await (await page.request.get(`${env.server.url}/api/v1/studio/draft/export.zip`)).body();
  const dir = mkdtempSync(join(tmpdir(), 'lifenav-export-'));
  writeFileSync(join(dir, 'draft.zip'), zip);
  execFileSync('python3', ['-m', 'zipfile', '-e', join(dir, 'draft.zip'), dir]);
  const cli = join(ROOT, 'target/release/lifenav');
  const check = execFileSync(cli, ['check', join(dir, 'catalog')], { encoding: 'utf8' });
  const counts = check.match(/errors=(\d+) warnings=(\d+)/);
  assert.ok(counts, check);
  assert.match(summary, new RegExp(`^${counts[1]} ошибок, ${counts[2]} предупреждений`), `${summary} vs ${check}`);
  const tested = execFileSync(cli, ['test', join(dir, 'catalog')], { encoding: 'utf8' });
  assert.match(tested, /\d+ passed, 0 failed/);
  assert.match(summary, new RegExp(`0 сценариев не проходят, ${tested.match(/(\d+) passed/)[1]} сценариев проходят`));
  await context.close();
});

test('axe: every studio screen, standard and for the visually impaired', async () => {
  const context = await env.browser.newContext();
  const signIn = await context.newPage();
  await signIn.goto(`${env.server.url}/studio/`);
  await signIn.locator('#login').waitFor();
  const violations = await axeStudio(signIn, 'sign-in');
  await signIn.close();
  const page = await studio(context, env.server, ...REVIEWER);
  for (const vi of [false, true]) {
    if (vi) await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
    const screens = [
      ['/', 'h1'], ['/items/services', 'table.items a'], ['/edit/services/marriage-registration', '#field-fee-amount'],
      ['/edit/situations/business', 'fieldset.condition'], ['/problems', '#check-summary'], ['/preview', '#preview-situation'],
      ['/versions', 'table.versions a'], [`/versions/${env.first}`, 'ul.impact'], ['/freshness', 'h1'], ['/audit', 'table.audit td'],
      ['/account', '#current-password'], ['/compare?from=1&to=2', '.diff'],
    ];
    for (const [path, ready] of screens) {
      await open(page, path);
      await page.locator(ready).first().waitFor();
      violations.push(...(await axeStudio(page, `${path}${vi ? ' (vi)' : ''}`)));
    }
    await open(page, '/edit/services/marriage-registration');
    await page.getByRole('tab', { name: 'Исходный текст (TOML)' }).click();
    violations.push(...(await axeStudio(page, `source tab${vi ? ' (vi)' : ''}`)));
  }
  assert.deepEqual(violations, []);
  await context.close();
});

test('the preview runs the real widget on the draft, and its answers become a scenario', async () => {
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...EDITOR);
  await open(page, '/preview');
  await page.locator('#preview-situation').selectOption('marriage');
  await page.locator('#preview-date').fill('2027-03-01');
  await page.getByRole('button', { name: 'Показать' }).click();
  const frame = page.frameLocator('iframe.preview');
  const widget = frame.locator('[data-lifenav]');
  await widget.locator('form.ln-question').waitFor();
  for (const value of ['no', 'no', 'yes']) {
    await widget.locator('form.ln-question').waitFor();
    await widget.locator(`form.ln-question input[value="${value}"]`).check();
    await widget.locator('form.ln-question button[type=submit]').click();
  }
  await frame.getByRole('button', { name: 'Показать план' }).click();
  await widget.locator('.ln-step').first().waitFor();
  await page.locator('#scenario-name').fill('из предпросмотра: взрослые, смена фамилии');
  await page.getByRole('button', { name: 'Сохранить ответы и план как сценарий' }).click();
  await page.locator('.notice.info').filter({ hasText: 'scenarios/marriage.toml' }).waitFor();
  const unsaved = await page.evaluate(() => localStorage.getItem('lifenav.studio.unsaved'));
  assert.match(unsaved, /из предпросмотра: взрослые, смена фамилии/);
  assert.match(unsaved, /total_fee = 700/, 'the plan with the draft fee of 400 ₽ and the passport 300 ₽');
  // The citizen's own saved journey on this site is not touched by the preview.
  assert.equal(await page.evaluate(() => localStorage.getItem('lifenav.journey')), null);
  await context.close();
});

test('importing catalog/example replaces the draft', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifenav-import-'));
  const archive = join(dir, 'example.zip');
  execFileSync('python3', ['-c', `import shutil; shutil.make_archive(${JSON.stringify(archive.replace(/\.zip$/, ''))}, 'zip', ${JSON.stringify(join(ROOT, 'catalog'))}, 'example')`]);
  assert.ok(readFileSync(archive).length > 1000);
  const context = await env.browser.newContext();
  const page = await studio(context, env.server, ...EDITOR);
  await page.locator('#import-file').setInputFiles(archive);
  await page.getByRole('button', { name: 'Загрузить архив' }).click();
  await page.locator('.notice.info').filter({ hasText: 'Черновик заменён загруженной папкой' }).waitFor();
  await open(page, '/items/situations');
  await main(page).locator('table.items tbody tr').first().waitFor();
  assert.equal(await main(page).locator('table.items tbody tr').count(), 3, 'the example catalog has 3 situations');
  await context.close();
});
