// The widget's budgets, measured (run with bench/widget.sh, which builds first):
//  1. first-screen transfer: what a city page loads before the situation list shows:
//     embed.js and the first screen's module (JS + wasm, with the CSS, the interface
//     texts and the Irkutsk situations inside), compressed with brotli (quality 11, as a
//     server would serve them). The rest of the widget (the journey, the whole catalog)
//     is fetched after that, while the citizen reads the list: reported apart, and so is
//     the time from choosing a situation on a cold page to its first question;
//  2. navigation → interactive situation list, headless Chromium at 4× CPU slowdown
//     (CDP Emulation.setCPUThrottlingRate), median of 5 cold loads;
//  3. an answer → the next question (every later answer of the questionnaire, and the
//     first of each page apart), and a changed event date → the updated plan, at 4×
//     slowdown, medians: from the input event to the widget's DOM having changed.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { join, resolve } from 'node:path';
import os from 'node:os';
import { startServer, launch, ROOT, w } from '../tests/e2e/support.mjs';

const RUNS = 5;
const brotli = (file) =>
  brotliCompressSync(readFileSync(resolve(ROOT, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// LIFENAV_BENCH_BASE=<folder>: a previous build's dist/, measured side by side with this
// one in the same run (its runs alternate with this build's, each from its own server).
const BASE = process.env.LIFENAV_BENCH_BASE;
const builds = [['this', join(ROOT, 'dist')], ...(BASE ? [['base', BASE]] : [])];

function sizesOf(dist) {
  const sizes = {
    embed_js_with_first_screen_glue: brotli(join(dist, 'embed.js')),
    start_wasm: brotli(join(dist, 'lifenav-start_bg.wasm')),
  };
  const after = {
    widget_js: brotli(join(dist, 'lifenav-widget.js')),
    widget_wasm: brotli(join(dist, 'lifenav-widget_bg.wasm')),
  };
  return { sizes, total: sizes.embed_js_with_first_screen_glue + sizes.start_wasm, after };
}
const catalogShare = brotli('dist/bundle.json');

const browser = await launch();

async function slowPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Timestamp the first frame in which the situation list is in the widget, from inside
  // the page (no round trip to the test driver in the figure).
  await page.addInitScript(() => {
    const poll = () => {
      const root = document.querySelector('[data-lifenav]')?.shadowRoot;
      if (root?.querySelector('.ln-situation')) window.__lifenavInteractive = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page };
}

// Resolves with the time the widget's DOM changes after `act` runs, in the page.
async function timeChange(page, act) {
  return page.evaluate(async (act) => {
    const root = document.querySelector('[data-lifenav]').shadowRoot;
    const changed = new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        mo.disconnect();
        resolve(performance.now());
      });
      mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const t0 = performance.now();
    // eslint-disable-next-line no-new-func
    new Function('root', act)(root);
    return (await changed) - t0;
  }, act);
}

// Resolves with the time from `act` until `selector` is in the widget, in the page.
async function timeUntil(page, act, selector) {
  return page.evaluate(
    async ([act, selector]) => {
      const root = document.querySelector('[data-lifenav]').shadowRoot;
      const t0 = performance.now();
      // eslint-disable-next-line no-new-func
      new Function('root', act)(root);
      while (!root.querySelector(selector)) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    },
    [act, selector],
  );
}

// The demo city page by default (the published catalog through data-catalog and
// data-index); LIFENAV_BENCH_PAGE=/test/host.html?catalog= for the embedded catalog alone.
const PAGE = process.env.LIFENAV_BENCH_PAGE || '/';

async function run(server, m, first) {
  const { context, page } = await slowPage();
  await page.goto(`${server.url}${PAGE}`);
  await page.waitForFunction(() => window.__lifenavInteractive);
  m.interactive.push(await page.evaluate(() => window.__lifenavInteractive));
  if (first) {
    m.marks = await page.evaluate(() => {
      const out = {};
      for (const mk of performance.getEntriesByType('mark')) out[mk.name] = Math.round(mk.startTime);
      for (const r of performance.getEntriesByType('resource')) {
        if (r.name.endsWith('.wasm') || r.name.endsWith('index.txt')) out[`${r.name.split('/').pop()} response end`] = Math.round(r.responseEnd);
      }
      return out;
    });
  }
  // The longest questionnaire: moving. Chosen as soon as the list shows, before the rest
  // of the widget has had its idle time to load: the slowest a citizen can meet.
  m.chosen.push(
    await timeUntil(page, "root.querySelector('.ln-situation[data-situation=moving]').click()", 'form.ln-question'),
  );
  // The answer is timed on a settled page: the rest of the widget loaded just now, and
  // its first requests (the citizens' scores) must not be counted as the answer's work.
  // Every answer of the questionnaire is timed; the first of a page is also reported on
  // its own, as it pays for the code running for the first time.
  await page.waitForLoadState('networkidle');
  for (let q = 0; q < 10 && (await w(page).locator('form.ln-question').count()); q++) {
    await w(page).locator('form.ln-question .ln-option input').first().check();
    const ms = await timeChange(page, "root.querySelector('form.ln-question button[type=submit]').click()");
    (q === 0 ? m.firstAnswer : m.answer).push(ms);
    await page.waitForTimeout(30);
  }
  await page.getByRole('button', { name: 'Показать план' }).click();
  await w(page).locator('.ln-step').first().waitFor();
  const i = m.replan.length;
  m.replan.push(await timeChange(page, `const i = root.querySelector('#ln-event'); i.value = '2026-11-${10 + i}'; i.dispatchEvent(new Event('change'));`));
  await context.close();
}

const measured = {};
const servers = {};
for (const [name, dist] of builds) {
  servers[name] = await startServer({ seed: null, staticDir: dist });
  measured[name] = { interactive: [], chosen: [], answer: [], firstAnswer: [], replan: [], marks: {} };
}
for (let i = 0; i < RUNS; i++) {
  for (const [name] of builds) await run(servers[name], measured[name], i === 0);
}
await browser.close();
for (const [name] of builds) await servers[name].stop();

function report(name, dist) {
  const m = measured[name];
  const { sizes, total, after } = sizesOf(dist);
  return {
    first_screen_brotli_bytes: total,
    parts_brotli_bytes: sizes,
    after_first_screen_brotli_bytes: after.widget_js + after.widget_wasm,
    after_parts_brotli_bytes: after,
    interactive_ms_median_4x: Math.round(median(m.interactive)),
    interactive_ms_runs: m.interactive.map(Math.round),
    cold_choice_to_first_question_ms_median_4x: Math.round(median(m.chosen)),
    cold_choice_runs: m.chosen.map(Math.round),
    first_load_marks_ms: m.marks,
    answer_to_next_question_ms_median_4x: +median(m.answer).toFixed(1),
    answers_timed: m.answer.length,
    first_answer_of_a_page_ms_median_4x: +median(m.firstAnswer).toFixed(1),
    first_answer_runs: m.firstAnswer.map((x) => +x.toFixed(1)),
    event_date_to_updated_plan_ms_median_4x: +median(m.replan).toFixed(1),
    replan_runs: m.replan.map((x) => +x.toFixed(1)),
  };
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const this_ = report('this', join(ROOT, 'dist'));
const result = {
  machine: `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}`,
  page: PAGE,
  catalog_bundle_brotli_bytes_included_in_widget_wasm: catalogShare,
  ...this_,
  ...(BASE ? { base: report('base', BASE) } : {}),
};
console.log(JSON.stringify(result, null, 2));
