// Pipecat DevTools benchmarks: `npx tsx bench/run.ts [--json] [--only <text>]` (see bench/README.md).
// Progress goes to stderr; stdout gets only the table (or its JSON).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { repoRoot } from "../scripts/paths";
import { ROWS } from "./rows/index";
import { BenchEnv, HOOK_BUNDLE } from "./support/env";
import { formatTable, rowResult, type RowResult } from "./table";

const asJson = process.argv.includes("--json");
/** `--only <text>`: just the rows whose name contains the text (repeatable), for working on one row. */
const only = process.argv.flatMap((arg, i, args) =>
  arg === "--only" && args[i + 1] ? [args[i + 1].toLowerCase()] : [],
);
const rows =
  only.length === 0 ? ROWS : ROWS.filter((row) => only.some((text) => row.name.toLowerCase().includes(text)));
if (rows.length === 0) {
  console.error(`[bench] no row matches ${only.map((text) => JSON.stringify(text)).join(", ")}`);
  process.exit(2);
}

if (!existsSync(HOOK_BUNDLE)) {
  console.error("[bench] no extension build: npm run build:chrome");
  const build = spawnSync("npm", ["run", "build:chrome"], {
    cwd: repoRoot,
    stdio: ["ignore", process.stderr, "inherit"],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = new BenchEnv();
const results: RowResult[] = [];
try {
  for (const row of rows) {
    const started = Date.now();
    console.error(`[bench] ${row.name}…`);
    const outcome = await row.measure(env).catch((error: unknown) => ({ error }));
    const result = rowResult(row, outcome);
    results.push(result);
    console.error(`[bench]   ${result.figure} ${result.verdict} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  await env.close();
}

console.log(asJson ? JSON.stringify(results, null, 2) : formatTable(results));
// A missed target or a row that could not run fails the command, so CI can gate on it.
process.exitCode = results.some((r) => r.verdict === "FAIL" || r.verdict === "ERROR") ? 1 : 0;
