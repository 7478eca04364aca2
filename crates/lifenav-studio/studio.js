// Starts the studio's WebAssembly module (src/main.rs mounts the app into #studio).
import init from './lifenav-studio.js';

const started = performance.now();
await init({ module_or_path: new URL('./lifenav-studio_bg.wasm', import.meta.url) });
performance.measure('lifenav-studio:start', { start: started });
