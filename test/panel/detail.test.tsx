import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { DetailPane } from "../../panel/detail/DetailPane";
import { createSessionStore, type MessageRow, type SessionStore } from "../../panel/model/store";
import type { PageToPanel, RtviMessage } from "../../src/shared/protocol";

afterEach(cleanup);

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
let messageId = 0;

function message(
  t: number,
  dir: "in" | "out",
  msg: RtviMessage,
  extra: Partial<Extract<PageToPanel, { kind: "message" }>> = {},
): PageToPanel {
  return {
    kind: "message",
    messageId: ++messageId,
    t,
    clientId: "c1",
    dir,
    level: "client",
    size: JSON.stringify(msg).length,
    msg,
    ...extra,
  };
}

function storeWith(...events: PageToPanel[]): SessionStore {
  const store = createSessionStore();
  store.ingest(0, [
    { kind: "hook-ready", t: T0, url: "http://localhost:7860/", isTop: true, hookVersion: "test", late: false },
    ...events,
  ]);
  return store;
}

function row(store: SessionStore, type: string): MessageRow {
  const found = store.rows.find((entry): entry is MessageRow => entry.kind === "message" && entry.type === type);
  if (!found) throw new Error(`no ${type} row`);
  return found;
}

function renderPane(store: SessionStore, selected: MessageRow) {
  const onSelect = vi.fn();
  const onClose = vi.fn();
  const view = render(<DetailPane store={store} row={selected} onSelect={onSelect} onClose={onClose} />);
  return { ...view, onSelect, onClose };
}

const request: RtviMessage = {
  type: "client-message",
  id: "r1",
  label: "rtvi-ai",
  data: { t: "lookup", d: { city: "Paris" } },
};

describe("DetailPane", () => {
  it("heads the pane with what the message is", () => {
    const store = storeWith(
      message(
        T0 + 1234,
        "in",
        { type: "bot-llm-text", label: "rtvi-ai", data: { text: "Hi" } },
        { level: "wire", size: 2048, truncated: true, origin: "devtools" },
      ),
    );
    renderPane(store, row(store, "bot-llm-text"));
    expect(screen.getByRole("heading", { name: "bot-llm-text" })).toBeTruthy();
    const facts = document.querySelector(".detail-facts")!;
    expect(facts.textContent).toContain("↓ in (bot to client)");
    expect(facts.textContent).toContain("2.0 kB");
    expect(facts.textContent).toContain("wire");
    expect(facts.textContent).toMatch(/\d\d:\d\d:\d\d\.234/);
    expect(screen.getByText("truncated")).toBeTruthy();
    expect(screen.getByText("devtools")).toBeTruthy();
    expect(screen.getByText(/was over 256 KB/)).toBeTruthy();
  });

  it("shows no marks on a plain message, and closes", () => {
    const store = storeWith(message(T0, "out", { type: "client-ready", label: "rtvi-ai", data: {} }));
    const { onClose } = renderPane(store, row(store, "client-ready"));
    expect(document.querySelector(".detail-facts")!.textContent).toContain("↑ out (client to bot)");
    expect(screen.queryByText("truncated")).toBeNull();
    expect(screen.queryByText("devtools")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Close detail" }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("shows the payload as a tree, and as raw JSON on the Raw tab", () => {
    const store = storeWith(message(T0, "out", request, { request: { timeoutMs: 10_000 } }));
    renderPane(store, row(store, "client-message"));
    const [treeTab, rawTab] = screen.getAllByRole("tab");
    expect(treeTab.textContent).toBe("Tree");
    expect(rawTab.textContent).toBe("Raw");
    expect(treeTab.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tree", { name: "client-message message" })).toBeTruthy();
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe(treeTab.id);

    fireEvent.click(rawTab);
    expect(rawTab.getAttribute("aria-selected")).toBe("true");
    expect(screen.queryByRole("tree")).toBeNull();
    expect(screen.getByRole("tabpanel").querySelector("pre")!.textContent).toBe(JSON.stringify(request, null, 2));

    // Arrow keys move between the tabs.
    fireEvent.keyDown(rawTab, { key: "ArrowLeft" });
    expect(treeTab.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(treeTab);
  });

  it("keeps the chosen tab and starts a fresh tree when another row is selected", () => {
    const store = storeWith(
      message(T0, "in", { type: "bot-transcription", label: "rtvi-ai", data: { text: "one" } }),
      message(T0 + 1, "in", { type: "user-transcription", label: "rtvi-ai", data: { text: "two", final: true } }),
    );
    const { rerender, onSelect, onClose } = renderPane(store, row(store, "bot-transcription"));
    fireEvent.click(screen.getByRole("tab", { name: "Raw" }));
    rerender(<DetailPane store={store} row={row(store, "user-transcription")} onSelect={onSelect} onClose={onClose} />);
    expect(screen.getByRole("tab", { name: "Raw" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel").textContent).toContain('"text": "two"');
  });

  it("shows a request's response with its latency, and jumps to it", () => {
    const store = storeWith(
      message(T0, "out", request, { request: { timeoutMs: 10_000 } }),
      message(T0 + 120, "in", {
        type: "server-response",
        id: "r1",
        label: "rtvi-ai",
        data: { t: "lookup", d: { temp: 21 } },
      }),
    );
    const answer = row(store, "server-response");
    const { onSelect } = renderPane(store, row(store, "client-message"));
    const section = screen.getByRole("region", { name: "Response" });
    expect(section.textContent).toContain("Response: server-response after 120 ms");
    expect(within(section).getByRole("tree", { name: "Response data" }).textContent).toContain("temp: 21");
    fireEvent.click(screen.getByRole("button", { name: "Go to response" }));
    expect(onSelect).toHaveBeenCalledWith(answer.seq);
    expect(screen.queryByRole("button", { name: "Go to request" })).toBeNull();
  });

  it("shows an answer's request and jumps back to it", () => {
    const store = storeWith(
      message(T0, "out", request, { request: { timeoutMs: 10_000 } }),
      message(T0 + 45, "in", { type: "server-response", id: "r1", label: "rtvi-ai", data: { t: "lookup", d: {} } }),
    );
    const { onSelect } = renderPane(store, row(store, "server-response"));
    expect(screen.getByRole("region", { name: "Request" }).textContent).toContain(
      "Answers client-message sent 45 ms earlier.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Go to request" }));
    expect(onSelect).toHaveBeenCalledWith(row(store, "client-message").seq);
    expect(screen.queryByRole("button", { name: "Go to response" })).toBeNull();
  });

  it("shows an error response's message", () => {
    const store = storeWith(
      message(T0, "out", request, { request: { timeoutMs: 10_000 } }),
      message(T0 + 7, "in", {
        type: "error-response",
        id: "r1",
        label: "rtvi-ai",
        data: { error: "Unknown message type", fatal: false },
      }),
    );
    const { onSelect } = renderPane(store, row(store, "client-message"));
    const section = screen.getByRole("region", { name: "Response" });
    expect(section.textContent).toContain("Error: error-response after 7 ms: Unknown message type");
    expect(within(section).getByRole("tree", { name: "Error data" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Go to response" }));
    expect(onSelect).toHaveBeenCalledWith(row(store, "error-response").seq);
  });

  it("says a request is pending, and then, once the store notifies, that it timed out", async () => {
    const store = storeWith(message(T0, "out", request, { request: { timeoutMs: 10_000 } }));
    const selected = row(store, "client-message");
    const { rerender, onSelect, onClose } = renderPane(store, selected);
    expect(screen.getByRole("region", { name: "Response" }).textContent).toContain("Response: pending");
    expect(screen.queryByRole("button", { name: /Go to/ })).toBeNull();

    store.ingest(0, [{ kind: "request-timeout", t: T0 + 10_003, clientId: "c1", requestId: "r1" }]);
    rerender(<DetailPane store={store} row={selected} onSelect={onSelect} onClose={onClose} />);
    await waitFor(() =>
      expect(screen.getByRole("region", { name: "Response" }).textContent).toContain(
        "Response: timed out after 10,003 ms",
      ),
    );
    expect(screen.queryByText(/pending/)).toBeNull();
  });

  it("shows no exchange for a message that expects no answer", () => {
    const store = storeWith(message(T0, "in", { type: "bot-started-speaking", label: "rtvi-ai" }));
    renderPane(store, row(store, "bot-started-speaking"));
    expect(screen.queryByRole("region", { name: "Response" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Request" })).toBeNull();
  });

  it("renders page data as text only", () => {
    const hostile: RtviMessage = {
      type: "<img src=x onerror=alert(1)>",
      label: "rtvi-ai",
      data: { html: "<script>alert(2)</script>" },
    };
    const store = storeWith(message(T0, "in", hostile));
    const { container } = renderPane(store, row(store, hostile.type));
    expect(container.querySelector("img, script")).toBeNull();
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(hostile.type);
    fireEvent.click(screen.getByRole("tab", { name: "Raw" }));
    expect(container.querySelector("img, script")).toBeNull();
    expect(screen.getByRole("tabpanel").textContent).toContain("<script>alert(2)</script>");
  });

  it("stays small on a truncated 256 KB message", () => {
    const cut = `{"type":"metrics","data":{"processing":[${'{"processor":"x","value":0.1},'.repeat(9000)}`.slice(
      0,
      256 * 1024,
    );
    const store = storeWith(
      message(T0, "in", { type: "metrics", label: "rtvi-ai", data: cut }, { size: 300_000, truncated: true }),
    );
    const { container } = renderPane(store, row(store, "metrics"));
    // type, label and data (the cut JSON, as a string shown only in part).
    expect(container.querySelectorAll('[role="treeitem"]').length).toBe(3);
    expect(container.textContent!.length).toBeLessThan(4000);
  });

  it("keeps a big structured payload closed", () => {
    const processing = Array.from({ length: 9000 }, (_, index) => ({ processor: `p${index}`, value: index / 10 }));
    const store = storeWith(message(T0, "in", { type: "metrics", label: "rtvi-ai", data: { processing } }));
    const { container } = renderPane(store, row(store, "metrics"));
    const items = [...container.querySelectorAll('[role="treeitem"]')];
    expect(items.map((item) => item.querySelector(".jt-key")?.textContent)).toEqual([
      "type",
      "label",
      "data",
      "processing",
    ]);
    expect(items[3].getAttribute("aria-expanded")).toBe("false");
  });
});
