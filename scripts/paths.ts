import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const chromeDist = join(repoRoot, "dist", "chrome");
export const firefoxDist = join(repoRoot, "dist", "firefox");

/** The Firefox add-on id (browser_specific_settings.gecko.id). */
export const FIREFOX_EXTENSION_ID = "pipecat-devtools@pipecat-devtools.dev";
