// The one script a city adds to its page:
//   <script type="module" src="/lifenav/embed.js"></script>
//   <div data-lifenav data-lang="ru" data-catalog="/lifenav/bundle.json" data-feedback="https://…"></div>
// It loads the first screen (small: the situations and the search) next to this file and
// mounts it into every [data-lifenav] element; the first screen loads the rest of the
// widget while the citizen reads the list (src/handoff.rs). The build bundles this file
// with the first screen's JS glue (scripts/widget.sh), so a page makes two requests
// before the list shows: this one and the first screen's wasm.
import initStart, { mount } from "./lifenav-start.js";

const here = import.meta.url;
const appWasm = new URL("./lifenav-widget_bg.wasm", here);

// The rest of the widget, fetched and compiled as soon as the list is drawn (the browser
// compiles a streamed module off the main thread), so that a citizen who chooses at once
// waits only for it to start. Not when the citizen asked the browser to save data: it
// then loads on the first choice. A server that does not send application/wasm gets the
// compile from bytes instead.
let compiled = null;
function compileApp() {
  compiled ??= WebAssembly.compileStreaming(fetch(appWasm))
    .catch(() => fetch(appWasm).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(r.status))).then((b) => WebAssembly.compile(b)))
    .catch((e) => {
      compiled = null; // the next choice tries again
      throw e;
    });
  return compiled;
}
let widget = null;
function loadWidget() {
  widget ??= Promise.all([import("./lifenav-widget.js"), compileApp()])
    .then(([m, module]) => m.default({ module_or_path: module }))
    .catch((e) => {
      widget = null; // the next choice tries again
      throw e;
    });
  return widget;
}

// A city's own catalog with its situation index (data-index): asked for now, while the
// first screen's wasm loads, so the list does not wait for one more round trip.
const hosts = [...document.querySelectorAll("[data-lifenav]")];
for (const host of hosts) {
  if (host.dataset.catalog && host.dataset.index) {
    host.lifenavIndex = fetch(host.dataset.index).then((r) => (r.ok ? r.text() : Promise.reject(r.status)));
    host.lifenavIndex.catch(() => {}); // the first screen handles a failure
  }
}
await initStart({ module_or_path: new URL("./lifenav-start_bg.wasm", here) });
for (const host of hosts) mount(host, loadWidget);
if (hosts.length && navigator.connection?.saveData !== true) {
  compileApp().catch(() => {}); // a failure is said when the citizen waits for the app
  import("./lifenav-widget.js").catch(() => {});
}
