// The staff's guide (docs/ru/studio.md) as a page of the studio, /studio/guide/, with the
// screenshots the browser tests take: staff read it where they work, not in a repository.
import { marked } from 'marked';
import { readFileSync, writeFileSync, mkdirSync, readdirSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/studio/guide');
mkdirSync(join(out, 'img'), { recursive: true });
const md = readFileSync(join(root, 'docs/ru/studio.md'), 'utf8');
const body = marked.parse(md);
const images = join(root, 'docs/ru/img');
if (existsSync(images)) {
  for (const f of readdirSync(images).filter((f) => f.endsWith('.png'))) copyFileSync(join(images, f), join(out, 'img', f));
}
writeFileSync(join(out, 'index.html'), `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Руководство редактора и проверяющего — студия каталога</title>
<style>
  body { font: 18px/1.55 system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; color: #1b1b1b; background: #fff; }
  h1, h2, h3 { line-height: 1.25; }
  img { max-width: 100%; height: auto; border: 1px solid #8a8a8a; margin: .5rem 0 1rem; }
  a { color: #0b4f9c; }
  code { background: #f1f1f1; padding: 0 .2em; }
  nav a { display: inline-block; padding: .5rem 0; }
  a:focus, a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
</style>
</head>
<body>
<nav aria-label="Навигация"><a href="/studio/">← Вернуться в студию</a></nav>
<main id="main">
${body}
</main>
</body>
</html>
`);
