// "Hook this site" in the panel (panel/SiteAccessBar.tsx) over the real panel connection and a
// fake Port, with the devtools and permissions API faked: it asks for access, then the
// background; says why when the background restarted instead of waiting for ever; and an
// older page's status never lands after a newer one's.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { createPanelConnection } from "../../panel/connection";
import { ConnectionContext } from "../../panel/connectionContext";
import { createSessionStore } from "../../panel/model/store";
import { SiteAccessBar } from "../../panel/SiteAccessBar";
import { FakePort } from "../shared/fakePort";

const devtools = vi.hoisted(() => ({
  href: "https://app.example.com/call",
  navigationListeners: [] as ((url: string) => void)[],
  reloads: 0,
  grant: true,
}));

vi.mock("webextension-polyfill", () => ({
  default: {
    devtools: {
      inspectedWindow: {
        eval: async () => devtools.href,
        reload: async () => void devtools.reloads++,
      },
      network: {
        onNavigated: {
          addListener: (listener: (url: string) => void) => devtools.navigationListeners.push(listener),
          removeListener: () => {},
        },
      },
    },
    permissions: { request: async () => devtools.grant },
  },
}));

beforeEach(() => {
  devtools.navigationListeners.length = 0;
  devtools.reloads = 0;
  devtools.grant = true;
});
afterEach(cleanup);

type Request = { id: string; method: string; params: { action: string; origin: string } };

function renderBar() {
  const ports: FakePort[] = [];
  const connection = createPanelConnection(createSessionStore(), {
    openPort: () => {
      ports.push(new FakePort());
      return ports.at(-1) as FakePort;
    },
    devtoolsTabId: 1,
  });
  render(
    <ConnectionContext.Provider value={connection}>
      <SiteAccessBar presence="absent" />
    </ConnectionContext.Provider>,
  );
  const port = () => ports.at(-1) as FakePort;
  /** Waits for the site call asked for last, and answers it. */
  const answerLast = async (answer: Record<string, unknown>) => {
    const request = await vi.waitFor(() => {
      const last = port().postedOf<Request>("request").at(-1);
      if (!last) throw new Error("no request yet");
      return last;
    });
    port().deliver({
      kind: "response",
      id: request.id,
      ok: true,
      result: { origin: request.params.origin, ...answer },
    });
    return request;
  };
  return { ports, port, answerLast };
}

describe("SiteAccessBar", () => {
  it("hooks the site: the browser's permission first, then the background, then a reload", async () => {
    const { port, answerLast } = renderBar();
    expect((await answerLast({ access: "off" })).params).toEqual({
      action: "status",
      origin: "https://app.example.com",
    });
    fireEvent.click(await screen.findByRole("button", { name: "Hook this site" }));
    await vi.waitFor(() => expect(port().postedOf("request")).toHaveLength(2));
    expect((await answerLast({ access: "chosen" })).params).toEqual({
      action: "hook",
      origin: "https://app.example.com",
    });
    await vi.waitFor(() => expect(devtools.reloads).toBe(1));
  });

  it("says so when the background restarts before answering, instead of waiting for ever", async () => {
    const { ports, answerLast } = renderBar();
    await answerLast({ access: "off" });
    fireEvent.click(await screen.findByRole("button", { name: "Hook this site" }));
    await vi.waitFor(() => expect(ports[0].postedOf("request")).toHaveLength(2));
    ports[0].closeFromOtherEnd();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("The extension's background restarted before answering: try again.");
    expect(devtools.reloads).toBe(0);
  });

  it("asks nothing of the background when the browser's permission is refused", async () => {
    const { port, answerLast } = renderBar();
    await answerLast({ access: "off" });
    devtools.grant = false;
    fireEvent.click(await screen.findByRole("button", { name: "Hook this site" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Access to https://app.example.com was not granted: nothing changed.");
    expect(port().postedOf("request")).toHaveLength(1);
  });

  it("cancels an older page's status when the inspected page navigates", async () => {
    const { port, answerLast } = renderBar();
    const first = await vi.waitFor(() => {
      const request = port().postedOf<Request>("request")[0];
      if (!request) throw new Error("no request yet");
      return request;
    });
    for (const listener of devtools.navigationListeners) listener("http://localhost:7860/");
    expect(port().postedOf("cancel")).toEqual([{ kind: "cancel", id: first.id }]);
    // The older answer arrives late and is ignored: the newer page's stands.
    port().deliver({
      kind: "response",
      id: first.id,
      ok: true,
      result: { origin: first.params.origin, access: "off" },
    });
    await answerLast({ access: "default" });
    await screen.findByRole("button", { name: "Reload page" });
    expect(screen.queryByRole("button", { name: "Hook this site" })).toBeNull();
  });
});
