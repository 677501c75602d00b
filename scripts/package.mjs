// Writes store-ready zips of both builds to dist/packages/ and lints the Firefox build
// with web-ext (any error fails the command). Run through `npm run package`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const webExt = join(root, "node_modules", ".bin", "web-ext");

function webExtRun(args) {
  const result = spawnSync(webExt, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

webExtRun(["lint", "--source-dir", "dist/firefox", "--warnings-as-errors=false"]);
for (const browser of ["chrome", "firefox"]) {
  webExtRun([
    "build",
    "--source-dir",
    `dist/${browser}`,
    "--artifacts-dir",
    "dist/packages",
    "--filename",
    `pipecat-devtools-${browser}-${version}.zip`,
    "--overwrite-dest",
  ]);
}
