// The Paused messages region: shown only while a message is held, each with what it is, the rule
// that paused it and when it goes on by itself, and Continue (with its JSON as edited) or Drop;
// JSON that does not parse, or is not an RTVI message, is said next to the field and not sent.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { formatClockTime } from "../../panel/log/rowText";
import type { PausedEntry } from "../../panel/rules/pausedEntry";
import { PausedMessages } from "../../panel/rules/PausedMessages";

afterEach(cleanup);

const RELEASE_AT = Date.UTC(2026, 0, 1, 12, 0, 30);

function entry(messageId: number, overrides: Partial<PausedEntry> = {}): PausedEntry {
  return {
    messageId,
    frameId: 3,
    clientKey: "3:c-1",
    dir: "out",
    msg: { label: "rtvi-ai", type: "client-message", id: `m-${messageId}`, data: { t: "get-weather", d: {} } },
    ruleName: "Break outbound client-message get-weather",
    releaseAt: RELEASE_AT,
    ...overrides,
  };
}

function show(entries: PausedEntry[]) {
  const onContinue = vi.fn(() => Promise.resolve());
  const onDrop = vi.fn(() => Promise.resolve());
  render(<PausedMessages entries={entries} onContinue={onContinue} onDrop={onDrop} />);
  return { onContinue, onDrop };
}

const dataBox = (scope: HTMLElement) =>
  within(scope).getByRole("textbox", { name: "Paused message data" }) as HTMLTextAreaElement;

describe("Paused messages", () => {
  it("is not there while nothing is paused", () => {
    show([]);
    expect(screen.queryByRole("region", { name: "Paused messages" })).toBeNull();
  });

  it("shows each paused message: type, direction, client, rule, release time and its JSON", () => {
    show([
      entry(1),
      entry(2, {
        dir: "in",
        msg: { type: "server-message", data: { a: 1 } },
        ruleName: "Break inbound server-message",
      }),
    ]);
    const region = screen.getByRole("region", { name: "Paused messages" });
    const [first, second] = within(region).getAllByRole("listitem");
    expect(first.textContent).toContain("client-message · Outbound · client 3:c-1");
    expect(first.textContent).toContain("paused by “Break outbound client-message get-weather”");
    expect(first.textContent).toContain(`at ${formatClockTime(RELEASE_AT)}`);
    expect(JSON.parse(dataBox(first).value)).toEqual(entry(1).msg);
    expect(dataBox(first).value).toContain('\n  "type": "client-message"');
    expect(second.textContent).toContain("server-message · Inbound");
  });

  it("continues with the JSON as edited", () => {
    const { onContinue, onDrop } = show([entry(1), entry(2)]);
    const second = screen.getAllByRole("listitem")[1];
    const edited = {
      label: "rtvi-ai",
      type: "client-message",
      id: "m-2",
      data: { t: "get-weather", d: { city: "Paris" } },
    };
    fireEvent.input(dataBox(second), { target: { value: JSON.stringify(edited) } });
    fireEvent.click(within(second).getByRole("button", { name: "Continue" }));
    expect(onContinue).toHaveBeenCalledTimes(1);
    expect(onContinue).toHaveBeenCalledWith(entry(2), edited);
    expect(onDrop).not.toHaveBeenCalled();

    // Unedited: the message as it was.
    const first = screen.getAllByRole("listitem")[0];
    fireEvent.click(within(first).getByRole("button", { name: "Continue" }));
    expect(onContinue).toHaveBeenLastCalledWith(entry(1), entry(1).msg);
  });

  it("sends nothing for invalid JSON or a value that is not an RTVI message, and says why next to the field", () => {
    const { onContinue } = show([entry(1)]);
    const item = screen.getByRole("listitem");
    fireEvent.input(dataBox(item), { target: { value: '{"type": "client-message",' } });
    fireEvent.click(within(item).getByRole("button", { name: "Continue" }));
    const alert = within(item).getByRole("alert");
    expect(alert.textContent).toMatch(/^Nothing sent: Invalid JSON at line 1, column 27/);
    expect(dataBox(item).getAttribute("aria-describedby")).toBe(alert.id);

    fireEvent.input(dataBox(item), { target: { value: '{"data": {}}' } });
    expect(within(item).queryByRole("alert")).toBeNull();
    fireEvent.click(within(item).getByRole("button", { name: "Continue" }));
    expect(within(item).getByRole("alert").textContent).toMatch(/^Nothing sent: not an RTVI message \(type: /);
    expect(onContinue).not.toHaveBeenCalled();
  });

  it("drops", () => {
    const { onContinue, onDrop } = show([entry(1), entry(2)]);
    fireEvent.click(within(screen.getAllByRole("listitem")[0]).getByRole("button", { name: "Drop" }));
    expect(onDrop).toHaveBeenCalledWith(entry(1));
    expect(onContinue).not.toHaveBeenCalled();
  });
});
