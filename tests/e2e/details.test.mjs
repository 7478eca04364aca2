// Small things seen on the demo page, each of which failed before its fix: words broken
// inside the checklist at 320 px, "link copied" when nothing was copied, a share link
// trimmed silently or explained in English, the demo page's menu wider than a phone; and
// the first screen's search as citizens type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, openHost, answerAll, w } from './support.mjs';

const env = fixture();

async function toPlan(page, situation, answers = {}) {
  await w(page).locator('.ln-situation', { hasText: situation }).click();
  await answerAll(page, answers);
  await page.getByRole('button', { name: 'Показать план' }).click();
  await w(page).locator('.ln-step').first().waitFor();
}

// Pairs of letters of the same word that the browser put on different lines.
const brokenWords = (el) => {
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    const top = (i) => {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      return r.getClientRects()[0]?.top;
    };
    for (let i = 0; i + 1 < text.length; i++) {
      if (/[\p{L}\p{N}]/u.test(text[i]) && /[\p{L}\p{N}]/u.test(text[i + 1]) && top(i) !== top(i + 1)) {
        out.push(text.slice(Math.max(0, i - 8), i + 9));
      }
    }
  }
  return out;
};

test('at 320 px the checklist wraps document names between words, the steps on their own line', async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await openHost(context, env.server, { catalog: '' });
  await toPlan(page, 'Смерть близкого человека');
  const items = w(page).locator('.ln-checklist li');
  assert.ok((await items.count()) > 3);
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    // The document's name (the span that is neither the steps nor their wrapper).
    const nameSpan = item.locator('label span:not(.ln-check-text):not(.ln-hint)').first();
    const broken = await nameSpan.evaluate(brokenWords);
    assert.deepEqual(broken, [], `a word broken inside: ${await item.textContent()}`);
    const [name, steps] = await Promise.all([
      nameSpan.boundingBox(),
      item.locator('.ln-hint').boundingBox(),
    ]);
    assert.ok(steps.y >= name.y + name.height - 1, 'the step references are below the name');
  }
  await context.close();
});

test('the demo city page does not scroll sideways on a 320 px phone', async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/`);
  await w(page).locator('.ln-situation').first().waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `the page is ${width}px wide`);
  await context.close();
});

for (const [name, script] of [
  ['the browser refuses', () => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  }],
  ['a plain-http site, which has no clipboard', () => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  }],
]) {
  test(`copying the share link fails (${name}): the link is shown to copy by hand`, async () => {
    const context = await env.browser.newContext();
    await context.addInitScript(script);
    const page = await openHost(context, env.server);
    await toPlan(page, 'Смерть');
    await w(page).getByRole('button', { name: 'Ссылка на план' }).click();
    await w(page).locator('.ln-copy-result').waitFor();
    const said = await w(page).locator('.ln-copy-result').textContent();
    assert.match(said, /скопируйте сами/);
    assert.doesNotMatch(said, /скопирована/);
    assert.match(await w(page).locator('#ln-share').inputValue(), /#s=death/);
    assert.equal(await page.evaluate(() => document.querySelector('[data-lifenav]').shadowRoot.activeElement?.id), 'ln-share');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('copying the share link works: it says so', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openHost(context, env.server);
  await toPlan(page, 'Смерть');
  await w(page).getByRole('button', { name: 'Ссылка на план' }).click();
  await w(page).locator('.ln-copy-result', { hasText: 'Ссылка скопирована.' }).waitFor();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /#s=death/);
  await context.close();
});

test('a share link with parts that do not fit: it says what was left out, in Russian', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { hash: '#s=birth&a.nope=yes&a.parents_married=maybe&d=2026-13-01' });
  await w(page).locator('h2', { hasText: 'Проверьте ответы' }).waitFor();
  const notice = await w(page).locator('.ln-notice p').textContent();
  assert.match(notice, /по ссылке/);
  assert.match(notice, /не учли: 2 ответа и дата события/);
  assert.doesNotMatch(notice, /unknown|question|date:/);
  await page.close();
  const broken = await openHost(context, env.server, { hash: '#s=wedding&a.x=1' });
  await w(broken).locator('.ln-notice').waitFor();
  const said = await w(broken).locator('.ln-notice p').textContent();
  assert.match(said, /Ссылку не удалось открыть: в справочнике услуг этого сайта нет ситуации «wedding»/);
  assert.doesNotMatch(said, /unknown/);
  await context.close();
});

test('the first screen finds what citizens type, and names the service that matched', async () => {
  const context = await env.browser.newContext();
  const page = await openHost(context, env.server, { catalog: '' });
  const search = w(page).locator('#ln-q');
  await search.waitFor();
  const first = async (query) => {
    await search.fill(query);
    return w(page).locator('.ln-results .ln-situation').first();
  };
  for (const [query, id] of [['умер отец', 'death'], ['родила', 'birth'], ['записать в школу', 'school'], ['стать ип', 'business'], ['хотим пожениться', 'marriage']]) {
    assert.equal(await (await first(query)).getAttribute('data-situation'), id, query);
  }
  const snils = await first('СНИЛС');
  assert.equal(await snils.getAttribute('data-situation'), 'birth');
  assert.equal(await snils.locator('.ln-situation-service').textContent(), 'Услуга: СНИЛС ребёнка');
  await search.fill('жираф');
  await w(page).locator('.ln-found', { hasText: 'Ничего не нашли' }).waitFor();
  await context.close();
});
