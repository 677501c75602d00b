/** Serves the demo app's built files (and any other file under its folder) for GET and HEAD. */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".wav": "audio/wav",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves the file `urlPath` names under `appDir`. */
export async function serveStaticFile(
  appDir: string,
  urlPath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const file = await findFile(resolve(appDir), urlPath);
  if (!file) {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    response.end("Not found");
    return;
  }
  response.writeHead(200, {
    "Content-Type": CONTENT_TYPES[extname(file.path).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": file.size,
    // Tests rebuild the app between runs: never let a browser keep a stale copy.
    "Cache-Control": "no-store",
  });
  if (request.method === "HEAD") response.end();
  else createReadStream(file.path).pipe(response);
}

/** The file a URL path names under root (index.html for a folder), or undefined; never anything outside root. */
async function findFile(root: string, urlPath: string): Promise<{ path: string; size: number } | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (relative.includes("\0")) return undefined;
  let path = resolve(join(root, relative));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  try {
    let stats = await stat(path);
    if (stats.isDirectory()) {
      path = join(path, "index.html");
      stats = await stat(path);
    }
    return stats.isFile() ? { path, size: stats.size } : undefined;
  } catch {
    return undefined;
  }
}
