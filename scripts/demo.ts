// `npm run demo`: serves the demo bot and app, and where a display exists opens Chromium
// with the extension loaded and DevTools open on the app. With no display it prints what
// to open and how to load the extension by hand. Stops on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDemoServer } from "../demo/server";
import { chromeDist, firefoxDist } from "./paths";

const port = Number(process.env.PORT ?? 7860);
const server = await startDemoServer({ port });
const appUrl = `${server.url}/`;

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let browser: ChildProcess | undefined;

console.log(`
Pipecat DevTools demo
  Demo app:        ${appUrl}
  Start endpoint:  POST ${server.url}/api/start?transport=websocket|smallwebrtc
  Runner's API:    POST ${server.url}/start {"transport": "websocket" | "webrtc"} (for your own app)
  Bot sessions:    ${server.url}/api/sessions
`);

if (hasDisplay && existsSync(chromiumPath)) {
  const profile = mkdtempSync(join(tmpdir(), "pipecat-devtools-demo-"));
  browser = spawn(
    chromiumPath,
    [
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${chromeDist}`,
      `--load-extension=${chromeDist}`,
      "--auto-open-devtools-for-tabs",
      "--no-first-run",
      appUrl,
    ],
    { stdio: "ignore" },
  );
  console.log("Chromium is open on the demo app with DevTools: pick the Pipecat tab (it may sit under ») .");
} else {
  console.log(`No display here, so no browser was started. To try it by hand:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick
                   ${chromeDist}
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…" and pick
                   ${join(firefoxDist, "manifest.json")}
  Then open ${appUrl}, open DevTools (F12) and choose the Pipecat tab.
  In the app: pick a transport, Connect, then send messages, requests and turns.`);
}
console.log("\nPress Ctrl-C to stop.");

async function stop(): Promise<void> {
  browser?.kill();
  await server.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
