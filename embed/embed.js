// The one script a city adds to its page:
//   <script type="module" src="/lifenav/embed.js"></script>
//   <div data-lifenav data-lang="ru" data-catalog="/lifenav/bundle.json" data-feedback="https://…"></div>
// It loads the widget next to this file and mounts it into every [data-lifenav] element.
import init from "./lifenav-widget.js";
init({ module_or_path: new URL("./lifenav-widget_bg.wasm", import.meta.url) });
