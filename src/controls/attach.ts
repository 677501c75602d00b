// Panel controls. Run in the page's MAIN world of one hooked frame, injected by the background
// the first time a panel needs them there (src/background/frameCommands.ts): the panel's
// commands and rules, kept out of the hook so the script every page runs stays small. They
// attach through the place the hook offered at document_start (src/hook/controlsKit.ts) and work
// only through what it lends them; nothing here may throw into the page.
import { CONTROLS_KEY } from "../shared/protocol/constants";
import type { AttachControls } from "../hook/controlsKit";
import { createControls } from "./createControls";

try {
  // The controls' one read of the page's globals, to find the hook; from then on, only the kit.
  // biome-ignore lint/plugin: a page that broke Symbol.for keeps only its own frame from the controls.
  const attach = (globalThis as Record<symbol, unknown>)[Symbol.for(CONTROLS_KEY)];
  // No hook in this frame (it cannot be, where the background injects): nothing to attach to.
  if (typeof attach === "function") (attach as AttachControls)(createControls);
} catch {
  // The hook reports what goes wrong inside the attachment; this can only be a page that broke Symbol.for.
}
