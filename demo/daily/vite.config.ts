// The Daily demo page: `npx vite build --config demo/daily/vite.config.ts` → demo/daily/dist,
// served at /daily/ (demo/pages.ts). Minified ES modules, relative asset paths, no globals, and
// beside them the stand-in call machine (src/callMachine.ts) at
// call-machine/call-machine-object-bundle.js, the name daily-js asks its bundle path for.
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { DEMO_PAGE_BUILD, DEMO_PAGE_CONFIG } from "../pages.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
const CALL_MACHINE = "callMachine";

/**
 * daily-js runs its call machine bundle as a function body (`Function(code)()`), never as a
 * module: the entry must come out as one chunk that imports and exports nothing. It does as
 * long as it shares no module with the page; this stops the build if it ever does.
 */
const callMachineIsOneScript: Plugin = {
  name: "call-machine-is-one-script",
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== "chunk" || chunk.name !== CALL_MACHINE) continue;
      if (chunk.imports.length > 0 || chunk.dynamicImports.length > 0 || chunk.exports.length > 0) {
        this.error(`${chunk.fileName} must be one self-contained script (it imports or exports something)`);
      }
    }
  },
};

export default defineConfig({
  root,
  ...DEMO_PAGE_CONFIG,
  plugins: [callMachineIsOneScript],
  build: {
    ...DEMO_PAGE_BUILD,
    rolldownOptions: {
      input: { index: `${root}index.html`, [CALL_MACHINE]: `${root}src/callMachine.ts` },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === CALL_MACHINE ? "call-machine/call-machine-object-bundle.js" : "assets/[name]-[hash].js",
      },
    },
  },
});
