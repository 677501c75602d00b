// Builds every demo page (demo/pages.ts): the main app and each page beside it, one Vite
// build per page with its own config.   npx tsx scripts/buildDemo.ts
import { build } from "vite";
import { demoPages } from "../demo/pages.ts";

for (const page of demoPages()) {
  await build({ configFile: page.configFile, logLevel: "warn" });
}
