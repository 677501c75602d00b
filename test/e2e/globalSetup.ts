// Builds the extension for both browsers and the demo app once, before any end-to-end test.
import { execFileSync } from "node:child_process";
import { repoRoot } from "../../scripts/paths";

export default function setup(): void {
  if (process.env.PIPECAT_DEVTOOLS_SKIP_BUILD === "1") return;
  execFileSync("npm", ["run", "--silent", "build:all"], { cwd: repoRoot, stdio: "inherit" });
}
