/** Small HTTP helpers shared by the demo server's endpoints. */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface JsonReply {
  status: number;
  body: unknown;
}

/**
 * An error reply. `detail` is where client-js's startBot looks for the reason
 * (as in FastAPI errors, which Pipecat's runner sends); `error` says the same for people.
 */
export function errorReply(status: number, message: string): JsonReply {
  return { status, body: { error: message, detail: message } };
}

// The app under test may be served from another origin than the bot (client-js fetches with mode "cors").
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PATCH, OPTIONS",
  "Access-Control-Allow-Headers": "*",
};

export function sendJson(response: ServerResponse, { status, body }: JsonReply): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...CORS_HEADERS });
  response.end(JSON.stringify(body));
}

export function sendPreflight(response: ServerResponse): void {
  response.writeHead(204, CORS_HEADERS);
  response.end();
}

export class BadRequestError extends Error {}

const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as JSON; null when it is empty. Throws BadRequestError when it is not JSON. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequestError("Request body too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("Request body is not JSON");
  }
}
