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
let widget = null;
function loadWidget() {
  widget ??= import("./lifenav-widget.js")
    .then((m) => m.default({ module_or_path: new URL("./lifenav-widget_bg.wasm", here) }))
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
