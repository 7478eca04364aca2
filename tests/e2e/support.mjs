// Shared by the browser tests: a real lifenav-server serving the built widget and studio
// (dist/) on a free port with a fresh SQLite file, and Debian's Chromium driven by playwright-core.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { before, after } from 'node:test';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const ROOT = new URL('../..', import.meta.url).pathname;
const SERVER = join(ROOT, 'target/release/lifenav-server');
const CLI = join(ROOT, 'target/release/lifenav');

/// `seed`: the catalog folder that becomes the published version 1 (null: the server's
/// embedded Irkutsk catalog). `extra`: more command-line flags.
export async function startServer({ seed = 'catalog/example', listen = '127.0.0.1:0', dir = null, origins = [], extra = [], staticDir = join(ROOT, 'dist') } = {}) {
  const own = !dir;
  dir ??= mkdtempSync(join(tmpdir(), 'lifenav-e2e-'));
  const child = spawn(SERVER, [
    '--listen', listen,
    ...origins.flatMap((o) => ['--allowed-origin', o]),
    '--database', `sqlite://${join(dir, 'lifenav.db')}`,
    '--static-dir', staticDir,
    ...(seed ? ['--seed-catalog', join(ROOT, seed)] : []),
    '--rate-limit', '1000',
    ...extra,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`lifenav-server exited with ${code}: ${out}`)));
  });
  return {
    url,
    dir,
    child,
    async stop(keep = false) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (own && !keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/// A staff account on the server's database, made with the server's own command line
/// (the password given on standard input, as a city's admin would).
export function addUser(server, login, roles, password, departments = []) {
  const args = ['--database', `sqlite://${join(server.dir, 'lifenav.db')}`, 'users', 'add', login, '--name', `Сотрудник ${login}`];
  for (const r of [].concat(roles)) args.push('--role', r);
  for (const d of departments) args.push('--department', d);
  const r = spawnSync(SERVER, args, { input: `${password}\n`, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`users add ${login}: ${r.stderr}`);
}

/// Signs in to the studio in a fresh page of `context`.
export async function studio(context, server, login, password) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.errors = errors;
  await page.goto(`${server.url}/studio/`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('nav.sections').waitFor();
  await page.getByText('Загрузка…').first().waitFor({ state: 'detached' }).catch(() => {});
  return page;
}

/// axe-core (WCAG 2.1 A and AA) on a whole studio page.
export async function axeStudio(page, screen) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${screen}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/// For a test file: one real service and one browser, started before its tests and
/// stopped after them. Use `env.server` and `env.browser` inside the tests.
export function fixture(options = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/// A host page (dist/test/host.html, served for real) that embeds the widget the way a
/// city does, configured through the query string.
export async function openHost(context, server, { catalog = '/test/example.json', lang = 'ru', feedback = '', hash = '', names = '', today = '' } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const query = new URLSearchParams({ catalog, lang, feedback, ...(names ? { names } : {}), ...(today ? { today } : {}) });
  await page.goto(`${server.url}/test/host.html?${query}${hash}`);
  page.errors = errors;
  return page;
}

export const w = (page) => page.locator('[data-lifenav]');

/// Answers the questions one by one as the widget asks them: `answers[id]` when given,
/// else the first option. Returns the answers given, by question id.
export async function answerAll(page, answers = {}) {
  const given = {};
  for (let i = 0; i < 20; i++) {
    const form = page.locator('form.ln-question');
    const review = page.locator('h2', { hasText: /Проверьте ответы|Check your answers/ });
    await form.or(review).first().waitFor();
    if ((await form.count()) === 0) return given;
    const q = await form.getAttribute('data-question');
    const inputs = form.locator('.ln-option input');
    let value = answers[q];
    if (value === undefined) value = await inputs.first().getAttribute('value');
    await form.locator(`input[value="${value}"]`).check();
    given[q] = value;
    await form.locator('button[type=submit]').click();
    await page.waitForFunction((q) => {
      const f = document.querySelector('[data-lifenav]').shadowRoot.querySelector('form.ln-question');
      return !f || f.dataset.question !== q;
    }, q);
  }
  throw new Error('too many questions');
}

/// The plan the core computes for the same answers, through the CLI.
export function cliPlan(catalog, situation, answers, eventDate) {
  const args = ['plan', catalog, '--situation', situation, '--json', '--today', todayIso()];
  for (const [q, v] of Object.entries(answers)) args.push('--answer', `${q}=${v}`);
  if (eventDate) args.push('--event-date', eventDate);
  return JSON.parse(execFileSync(CLI, args, { cwd: ROOT, encoding: 'utf8' }));
}

export function todayIso() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export async function axe(page, screen) {
  const result = await new AxeBuilder({ page }).include('[data-lifenav]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((v) => `${screen}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  return violations;
}

/// A screenshot for the staff's guide (docs/ru/studio.md shows what the tests see): the
/// visible part of the page at the guide's width.
export async function shot(page, name) {
  const dir = join(ROOT, 'docs/ru/img');
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
