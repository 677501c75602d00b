// Session export and import: credentials masked unless asked for, and said so in the file; a
// file read back as untrusted input, through the protocol's validators.
import { describe, expect, it } from "vitest";
import type { PageToPanel } from "../../src/shared/protocol";
import { createSessionStore } from "../../panel/model/store";
import { exportSession, importSession } from "../../panel/model/sessionFile";

const T0 = 1_700_000_000_000;
const SECRET = "sk-live-0123456789";

function storeWithConnection(): ReturnType<typeof createSessionStore> {
  const store = createSessionStore();
  const events: PageToPanel[] = [
    { kind: "hook-ready", t: T0, url: "http://localhost/", isTop: true, hookVersion: "t", late: false },
    { kind: "client-added", t: T0, client: { clientId: "c-1", transport: "daily", foundBy: "trap" } },
    {
      kind: "connection",
      t: T0 + 1,
      clientId: "c-1",
      endpoint: `http://localhost/start?api_key=${SECRET}&room=demo`,
      method: "POST",
      headers: [
        ["Authorization", `Bearer ${SECRET}`],
        ["Content-Type", "application/json"],
        ["X-Api-Key", SECRET],
        ["Cookie", `session=${SECRET}`],
      ],
      requestData: { createDailyRoom: true, secretWord: SECRET },
      response: {
        room_url: "https://example.daily.co/demo",
        token: SECRET,
        wsUrl: `wss://bot.example/ws?token=${SECRET}&lang=en`,
        nested: { credentials: { password: SECRET, user: "me" }, list: [`https://x.example/?access_token=${SECRET}`] },
      },
      durationMs: 120,
    },
    {
      kind: "message",
      messageId: 1,
      t: T0 + 2,
      clientId: "c-1",
      dir: "in",
      level: "client",
      msg: { type: "bot-ready", id: "r", data: {} },
    },
  ];
  store.ingest(0, events);
  return store;
}

describe("session export", () => {
  it("masks credentials in headers, request data, the start response and URL queries, and lists the paths", () => {
    const store = storeWithConnection();
    const text = JSON.stringify(exportSession(store, { includeSecrets: false }));
    expect(text).not.toContain(SECRET);
    const file = JSON.parse(text);
    expect(file.secrets.included).toBe(false);
    expect(file.secrets.masked).toEqual(
      expect.arrayContaining([
        "clients[0].connections[0].endpoint?api_key",
        "clients[0].connections[0].headers[0] (Authorization)",
        "clients[0].connections[0].headers[2] (X-Api-Key)",
        "clients[0].connections[0].headers[3] (Cookie)",
        "clients[0].connections[0].requestData.secretWord",
        "clients[0].connections[0].response.token",
        "clients[0].connections[0].response.wsUrl?token",
        "clients[0].connections[0].response.nested.credentials",
        "clients[0].connections[0].response.nested.list[0]?access_token",
      ]),
    );
    const call = file.clients[0].connections[0];
    expect(call.headers[0]).toEqual(["Authorization", "Bearer ••••••••"]);
    expect(call.headers[1]).toEqual(["Content-Type", "application/json"]);
    expect(call.response.room_url).toBe("https://example.daily.co/demo");
    expect(call.response.wsUrl).toBe("wss://bot.example/ws?token=••••••••&lang=en");
    expect(call.endpoint).toBe("http://localhost/start?api_key=••••••••&room=demo");
    expect(call.method).toBe("POST");
    // The panel's own view keeps the values (masked on screen only).
    expect(store.clients.get("0:c-1")!.connections[0].headers[0][1]).toBe(`Bearer ${SECRET}`);
  });

  it("masks an object under a secret name whole, as it cannot tell which of its parts matter", () => {
    const file = exportSession(storeWithConnection(), { includeSecrets: false });
    const response = file.clients[0].connections[0].response as { nested: { credentials: unknown } };
    expect(response.nested.credentials).toBe("••••••••");
  });

  it("writes everything as it is when the user ticks Include secrets, and says so", () => {
    const file = exportSession(storeWithConnection(), { includeSecrets: true });
    expect(file.secrets).toEqual({ included: true, masked: [] });
    expect(JSON.stringify(file)).toContain(`Bearer ${SECRET}`);
  });

  it("reads its own export back, masked values and all", () => {
    const result = importSession(JSON.stringify(exportSession(storeWithConnection(), { includeSecrets: false })));
    if ("error" in result) throw new Error(result.error);
    const client = result.store.clients.get("0:c-1")!;
    expect(client.connections[0].headers[0]).toEqual(["Authorization", "Bearer ••••••••"]);
    expect(result.store.messageCount()).toBe(1);
    expect(result.store.rejected).toBe(0);
  });
});

describe("session import", () => {
  const base = { format: "pipecat-devtools-session", version: 2, rows: [] as unknown[] };
  const client = {
    clientId: "c-1",
    transport: "websocket",
    foundBy: "trap",
    key: "0:c-1",
    frameId: 0,
    addedAt: T0,
    connections: [],
  };

  it("takes a client field by field and makes its key from its frame and id, never from the file", () => {
    const result = importSession(JSON.stringify({ ...base, clients: [{ ...client, key: "7:other", frameId: 2 }] }));
    if ("error" in result) throw new Error(result.error);
    expect([...result.store.clients.keys()]).toEqual(["2:c-1"]);
    expect(result.store.clients.get("2:c-1")!.frameId).toBe(2);
  });

  it("refuses clients, problems and rows with prototype keys, extra fields or wrong types, and counts them", () => {
    const forged = JSON.stringify({
      ...base,
      clients: [client, { ...client, clientId: "c-2", isAdmin: true }, { ...client, clientId: "c-3", frameId: "0" }],
      problems: [
        { frameId: 0, t: T0, where: "x", message: "ok" },
        { frameId: 0, t: T0, where: 5, message: "bad" },
      ],
      rows: [
        {
          kind: "message",
          frameId: 0,
          event: {
            kind: "message",
            messageId: 1,
            t: T0,
            clientId: "c-1",
            dir: "in",
            level: "client",
            msg: { type: "x" },
            evil: 1,
          },
        },
      ],
      dropped: -3,
    }).replace('"clients":[', '"clients":[{"__proto__":{"polluted":true},"clientId":"c-9"},');
    const result = importSession(forged);
    if ("error" in result) throw new Error(result.error);
    expect([...result.store.clients.keys()]).toEqual(["0:c-1"]);
    expect(Object.getPrototypeOf(result.store.clients.get("0:c-1"))).toBe(Object.prototype);
    expect(result.store.problems).toHaveLength(1);
    expect(result.store.messageCount()).toBe(0);
    expect(result.store.dropped).toBe(0);
    // Three clients, one problem, one row.
    expect(result.store.rejected).toBe(5);
  });

  it("reads a version 1 file, which had no secrets section", () => {
    const result = importSession(
      JSON.stringify({ ...base, version: 1, clients: [client], problems: [], dropped: 1, truncated: 0, rejected: 0 }),
    );
    expect("store" in result && result.store.dropped).toBe(1);
  });
});
