// The Firefox build passes Mozilla's linter with no errors, and both builds carry the
// per-browser manifest differences.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { chromeDist, firefoxDist, repoRoot } from "../../scripts/paths";

const run = promisify(execFile);

it("web-ext lint reports no errors on the Firefox build", async () => {
  const webExt = join(repoRoot, "node_modules", ".bin", "web-ext");
  const { stdout } = await run(webExt, ["lint", "--source-dir", firefoxDist, "--output", "json"], {
    cwd: repoRoot,
  }).catch((failure: { stdout: string }) => failure);
  const report = JSON.parse(stdout) as { errors: { code: string; message: string }[] };
  expect(report.errors).toEqual([]);
});

it("applies the per-browser manifest differences", () => {
  const chrome = JSON.parse(readFileSync(join(chromeDist, "manifest.json"), "utf8"));
  const firefox = JSON.parse(readFileSync(join(firefoxDist, "manifest.json"), "utf8"));
  expect(chrome.background.service_worker).toBeTruthy();
  expect(chrome.browser_specific_settings).toBeUndefined();
  expect(firefox.background.scripts).toHaveLength(1);
  expect(firefox.background.service_worker).toBeUndefined();
  expect(firefox.browser_specific_settings.gecko.id).toBe("pipecat-devtools@pipecat-devtools.dev");
  for (const manifest of [chrome, firefox]) {
    const [hook, relay] = manifest.content_scripts;
    expect(hook).toMatchObject({ world: "MAIN", run_at: "document_start", all_frames: true });
    expect(relay).toMatchObject({ run_at: "document_start", all_frames: true });
    expect(relay.world).toBeUndefined();
    // No access to all sites at install: only the local development origins.
    expect(manifest.host_permissions.every((pattern: string) => /localhost|127\.0\.0\.1|\[::1\]/.test(pattern))).toBe(
      true,
    );
  }
});
