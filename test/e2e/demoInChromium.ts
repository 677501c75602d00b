// The usual e2e setup: the demo bot and app on a free port, and Chromium with the built
// extension, for the whole test file.
import { afterAll, beforeAll } from "vitest";
import { startDemoServer, type DemoServer } from "../../demo/server";
import { launchChromium, type ChromiumSession, type LaunchOptions } from "./chromium";

export interface DemoInChromium {
  server: DemoServer;
  chromium: ChromiumSession;
}

export function useDemoInChromium(options?: LaunchOptions): DemoInChromium {
  const env = {} as DemoInChromium;
  beforeAll(async () => {
    env.server = await startDemoServer({ port: 0 });
    env.chromium = await launchChromium(options);
  });
  afterAll(async () => {
    await env.chromium?.close();
    await env.server?.close();
  });
  return env;
}
