// Page hook. Runs in the page's own JavaScript world (MAIN), at document_start, in every
// frame the extension is allowed on. It finds PipecatClients and reports their messages,
// and must never break, slow down or change the page: nothing here may throw into it.
import { installHook } from "./hook";

try {
  installHook();
} catch {
  // Nowhere to report yet (the outbox may be what failed): stay silent rather than break the page.
}
