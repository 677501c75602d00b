// `npm run demo` with no display: it serves the demo, prints what to open and how to load
// the extension by hand, and stops cleanly.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { repoRoot } from "../../scripts/paths";

it("serves the demo and prints its instructions when there is no display", async () => {
  const env = { ...process.env, PORT: "0", DISPLAY: "", WAYLAND_DISPLAY: "" };
  const demo = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  demo.stdout.on("data", (chunk) => (output += chunk));
  demo.stderr.on("data", (chunk) => (output += chunk));
  try {
    await expect.poll(() => output, { timeout: 30_000 }).toContain("Press Ctrl-C to stop.");
    const appUrl = /Demo app:\s+(\S+)/.exec(output)?.[1];
    expect(appUrl).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(output).toContain("No display here");
    expect(output).toContain("dist/chrome");
    expect(output).toContain("dist/firefox/manifest.json");
    const page = await fetch(appUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Pipecat DevTools demo");
  } finally {
    const exited = new Promise<number | null>((resolve) => demo.on("exit", resolve));
    demo.kill("SIGTERM");
    expect(await exited).toBe(0);
  }
});
