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

/**
 * The app under test may be served from another origin than the bot (client-js fetches with mode
 * "cors"). The wildcard never covers `Authorization` (Fetch standard, CORS-protocol), which
 * startBot's `headers` usually carry, so it is named; Pipecat's runner (src/pipecat/runner/run.py
 * in pipecat-ai/pipecat, CORSMiddleware with allow_headers ["*"]) echoes whatever is asked.
 */
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PATCH, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, *",
  "Access-Control-Max-Age": "600",
};

export function sendJson(response: ServerResponse, { status, body }: JsonReply): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...CORS_HEADERS });
  response.end(JSON.stringify(body));
}

/** Answers a CORS preflight, allowing every header it asks for besides the named ones. */
export function sendPreflight(request: IncomingMessage, response: ServerResponse): void {
  const asked = request.headers["access-control-request-headers"];
  const allowed = asked ? `${CORS_HEADERS["Access-Control-Allow-Headers"]}, ${asked}` : undefined;
  response.writeHead(204, { ...CORS_HEADERS, ...(allowed && { "Access-Control-Allow-Headers": allowed }) });
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
