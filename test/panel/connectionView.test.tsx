// Runs in vitest's unit project (happy-dom). The Connection view's heading for each shape of
// startBot call the hook reports: a URL with options (client-js POSTs it) and a Request, whose
// method the hook reports beside its URL. The method is printed once, before the endpoint.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/preact";
import { ConnectionView } from "../../panel/ConnectionView";

afterEach(cleanup);

type Client = Parameters<typeof ConnectionView>[0]["client"];
type Call = Client["connections"][number];

function clientWith(...connections: Call[]): Client {
  return {
    key: "0:c1",
    clientId: "c1",
    frameId: 0,
    transport: "websocket",
    foundBy: "trap",
    state: "ready",
    addedAt: 1,
    connections,
  };
}

function heading(index: number): string {
  return screen.getByRole("region", { name: `Connection ${index}` }).querySelector("h3")?.textContent ?? "";
}

describe("the Connection view's heading", () => {
  it("says POST for a startBot given a URL, which reports no method", () => {
    render(
      <ConnectionView
        client={clientWith({ t: 1, endpoint: "https://bots.example/start", headers: [], durationMs: 12.4 })}
      />,
    );
    expect(heading(1)).toBe("POST https://bots.example/start 12 ms");
  });

  it("says the reported method once for a startBot given a Request", () => {
    const call = { t: 1, endpoint: "https://bots.example/start?room=a", method: "GET", headers: [], durationMs: 3 };
    render(<ConnectionView client={clientWith(call as Call)} />);
    expect(heading(1)).toBe("GET https://bots.example/start?room=a 3 ms");
  });

  it("shows each call of a client with its own method, a pending one as pending", () => {
    const request = { t: 2, endpoint: "https://bots.example/again", method: "PUT", headers: [] };
    render(
      <ConnectionView
        client={clientWith(
          { t: 1, endpoint: "https://bots.example/start", headers: [], durationMs: 5 },
          request as Call,
        )}
      />,
    );
    expect(heading(1)).toBe("POST https://bots.example/start 5 ms");
    expect(heading(2)).toBe("PUT https://bots.example/again pending");
  });
});
