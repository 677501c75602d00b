// The tab picker (panel/TabPicker.tsx) over the real panel connection and a fake Port: it
// lists the hooked tabs the background names, asks again every second (giving up a call still
// unanswered), follows the tab picked, and stops asking once it is gone.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { createPanelConnection } from "../../panel/connection";
import { ConnectionContext } from "../../panel/connectionContext";
import { createSessionStore } from "../../panel/model/store";
import { TabPicker } from "../../panel/TabPicker";
import { FakePort } from "../shared/fakePort";

afterEach(cleanup);

function renderPicker() {
  const port = new FakePort();
  const connection = createPanelConnection(createSessionStore(), { openPort: () => port, devtoolsTabId: undefined });
  const onPick = vi.fn();
  const view = render(
    <ConnectionContext.Provider value={connection}>
      <TabPicker onPick={onPick} />
    </ConnectionContext.Provider>,
  );
  const requests = () => port.postedOf<{ id: string; method: string }>("request");
  return { port, onPick, view, requests };
}

describe("TabPicker", () => {
  it("lists the hooked tabs and follows the one picked", async () => {
    const { port, onPick, requests } = renderPicker();
    expect(screen.getByText("No hooked tab yet.")).toBeTruthy();
    const [first] = requests();
    expect(first.method).toBe("list-tabs");
    const tabs = [{ tabId: 12, url: "http://localhost:7860/", frames: 1, events: 40 }];
    port.deliver({ kind: "response", id: first.id, ok: true, result: tabs });
    fireEvent.click(await screen.findByRole("button", { name: "Inspect http://localhost:7860/" }));
    expect(port.postedOf("subscribe")).toEqual([{ kind: "subscribe", tabId: 12 }]);
    expect(onPick).toHaveBeenCalledWith(12);
  });

  it("asks again every second, keeping the list through a failed answer", async () => {
    const { port, requests } = renderPicker();
    const tabs = [{ tabId: 3, url: "", frames: 2, events: 0 }];
    port.deliver({ kind: "response", id: requests()[0].id, ok: true, result: tabs });
    await screen.findByRole("button", { name: "Inspect tab 3" });
    await vi.waitFor(() => expect(requests()).toHaveLength(2), { timeout: 3000 });
    port.deliver({ kind: "response", id: requests()[1].id, ok: false, error: "busy" });
    await vi.waitFor(() => expect(requests()).toHaveLength(3), { timeout: 3000 });
    expect(screen.getByRole("button", { name: "Inspect tab 3" })).toBeTruthy();
  });

  it("gives up a call that was never answered and asks again, so a lost answer costs a second", async () => {
    const { port, requests } = renderPicker();
    const [lost] = requests();
    await vi.waitFor(() => expect(requests()).toHaveLength(2), { timeout: 3000 });
    expect(port.postedOf("cancel")).toEqual([{ kind: "cancel", id: lost.id }]);
    const tabs = [{ tabId: 5, url: "http://localhost:7860/#late", frames: 1, events: 3 }];
    port.deliver({ kind: "response", id: requests()[1].id, ok: true, result: tabs });
    await screen.findByRole("button", { name: "Inspect http://localhost:7860/#late" });
  });

  it("cancels its pending call when it goes away", () => {
    const { port, view, requests } = renderPicker();
    view.unmount();
    expect(port.postedOf("cancel")).toEqual([{ kind: "cancel", id: requests()[0].id }]);
  });
});
