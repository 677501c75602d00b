// Serves the built bench pages on http://localhost:<port> (the hook runs only on localhost
// pages) and the WebSockets of the burst bot and the audio bot.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serveStaticFile } from "../../demo/bot/staticFiles";
import { AudioBot } from "./audioBot";
import { BurstBot } from "./burstBot";

export interface BenchServer {
  /** http://localhost:<port> */
  url: string;
  close(): Promise<void>;
}

// Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export async function startBenchServer(pagesDir: string): Promise<BenchServer> {
  const bot = new BurstBot();
  const audioBot = new AudioBot();
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    serveStaticFile(pagesDir, path, request, response).catch(() => response.destroy());
  });
  server.on("upgrade", (request, socket, head) => {
    if (!bot.handleUpgrade(request, socket, head) && !audioBot.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    async close() {
      await Promise.all([bot.close(), audioBot.close()]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
