// The studio's budgets, measured (run with bench/studio.sh, which builds first):
//  1. the studio's first load: what /studio/ transfers before the sign-in form works
//     (HTML, CSS, the loader, the JS glue and the wasm), compressed with brotli q11;
//  2. the live check: the core's whole-catalog check (`lifenav check` + `lifenav test`) on
//     the Irkutsk draft in the browser after an edit, medians at 1× and 4× CPU slowdown;
//  3. publish → served: from the publish request to the new bundle coming back from
//     GET /api/v1/catalog/bundle.json, through the same instance and through a second
//     instance on the same database, medians.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import os from 'node:os';
import { startServer, launch, addUser, studio, ROOT } from '../tests/e2e/support.mjs';

const RUNS = 9;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const brotli = (file) =>
  brotliCompressSync(readFileSync(join(ROOT, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const files = ['index.html', 'studio.css', 'studio.js', 'lifenav-studio.js', 'lifenav-studio_bg.wasm'];
const sizes = Object.fromEntries(files.map((f) => [f, brotli(`dist/studio/${f}`)]));
const firstLoad = Object.values(sizes).reduce((a, b) => a + b, 0);

const server = await startServer({ seed: null });
addUser(server, 'editor', 'editor', 'editor-password-1');
addUser(server, 'reviewer', 'reviewer', 'reviewer-password-1');
const browser = await launch();

async function checkTimes(rate) {
  const context = await browser.newContext();
  const page = await studio(context, server, 'editor', 'editor-password-1');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${server.url}/studio/edit/departments/zags`);
  await page.locator('#field-hours').waitFor();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const before = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('lifenav-studio:checked:')).length);
    await page.locator('#field-hours').fill(`пн–пт 9:00–18:${String(i).padStart(2, '0')}`);
    await page.waitForFunction((n) => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('lifenav-studio:checked:')).length > n, before);
    const ms = await page.evaluate(() => {
      const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('lifenav-studio:checked:'));
      return Number(marks[marks.length - 1].name.split(':').pop());
    });
    times.push(ms);
  }
  await context.close();
  return { median_ms: median(times), runs: times };
}

async function firstLoadTime(rate) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const t0 = Date.now();
    await page.goto(`${server.url}/studio/`);
    await page.locator('#login').waitFor();
    times.push(Date.now() - t0);
    await context.close();
  }
  return median(times);
}

// Opening the marriage-registration service's form from the list of services, in the
// app (the draft loaded and checked): click → its fee field is on the page and two frames
// have been drawn. Also the form's height, the issue's «19,000 px» measure.
async function formOpenTime(rate) {
  const context = await browser.newContext();
  const page = await studio(context, server, 'editor', 'editor-password-1');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const times = [];
  let height = 0;
  for (let i = 0; i < 5; i++) {
    await page.goto(`${server.url}/studio/items/services`);
    const link = page.locator('table.items a').filter({ hasText: 'Регистрация брака' }).first();
    await link.waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await link.click();
    await page.locator('#field-fee-amount').waitFor();
    const t1 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
    times.push(t1 - t0);
    height = await page.evaluate(() => document.documentElement.scrollHeight);
  }
  await context.close();
  return { median_ms: median(times), runs: times, form_height_px: height };
}

// Staff requests as the studio's pages make them (same Origin, the session cookie).
async function client(base, login, password) {
  const origin = new URL(base).origin;
  let cookie = '';
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin, cookie },
      body: body ? JSON.stringify(body) : undefined,
    });
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  await call('POST', '/api/v1/staff/login', { login, password });
  return call;
}

async function publishToServed(second) {
  const editor = await client(server.url, 'editor', 'editor-password-1');
  const reviewer = await client(server.url, 'reviewer', 'reviewer-password-1');
  const same = [];
  const other = [];
  for (let i = 0; i < RUNS; i++) {
    const draft = await editor('GET', '/api/v1/studio/draft');
    const f = draft.files.find((x) => x.path === 'departments.toml');
    const text = f.text.replace(/^# bench \d+\n/, '');
    await editor('PUT', '/api/v1/studio/draft/files/departments.toml', { text: `# bench ${i}\n${text}`, base: f.hash });
    const { number } = await editor('POST', '/api/v1/studio/versions', { message: `bench ${i}` });
    await reviewer('POST', `/api/v1/studio/versions/${number}/approve`, {});
    const via = i % 2 === 0 ? server.url : second.url;
    const t0 = performance.now();
    await reviewer('POST', `/api/v1/studio/versions/${number}/publish`, {});
    for (;;) {
      const r = await fetch(`${via}/api/v1/catalog/bundle.json`);
      await r.arrayBuffer();
      if (r.headers.get('etag').startsWith(`"v${number}-`)) break;
    }
    (via === server.url ? same : other).push(performance.now() - t0);
  }
  return { same_instance_ms: median(same), other_instance_ms: median(other), runs: { same, other } };
}

const check1 = await checkTimes(1);
const check4 = await checkTimes(4);
const load1 = await firstLoadTime(1);
const load4 = await firstLoadTime(4);
const form1 = await formOpenTime(1);
const form4 = await formOpenTime(4);
const second = await startServer({ seed: null, dir: server.dir });
const publish = await publishToServed(second);
await second.stop(true);
await browser.close();
await server.stop();

console.log(JSON.stringify({
  machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  studio_first_load_brotli_bytes: firstLoad,
  studio_files_brotli_bytes: sizes,
  studio_first_load_to_sign_in_form_ms: { at_1x: load1, at_4x: load4 },
  marriage_form_open_ms: { at_1x: form1.median_ms, at_4x: form4.median_ms, runs_4x: form4.runs, form_height_px: form4.form_height_px },
  live_check_irkutsk_ms: { at_1x: check1.median_ms, at_4x: check4.median_ms, runs_1x: check1.runs, runs_4x: check4.runs },
  publish_to_served: publish,
}, null, 2));
