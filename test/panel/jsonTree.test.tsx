import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { JsonTree, STRING_SHOWN } from "../../panel/detail/JsonTree";
import {
  CHILD_PAGE,
  MAX_ITEMS,
  childPath,
  defaultOpenState,
  preview,
  visibleItems,
} from "../../panel/detail/treeModel";

let clipboardText: string[];
let writeText: ReturnType<typeof vi.fn>;

beforeEach(() => {
  clipboardText = [];
  writeText = vi.fn(async (text: string) => {
    clipboardText.push(text);
  });
  Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const message = {
  type: "server-response",
  id: "r1",
  data: { t: "lookup", d: { items: [{ name: "a" }, { name: "b" }, { name: "c", tags: ["x"] }], "odd key": 1 } },
};

function tree() {
  return screen.getByRole("tree");
}

// Not queryAllByRole: it is slow on the thousands of items a big payload lists.
function items(): HTMLElement[] {
  return [...tree().querySelectorAll<HTMLElement>('[role="treeitem"]')];
}

/** The treeitem whose key is `key` (its text starts with `key: `). */
function item(key: string) {
  const found = items().filter((element) => element.querySelector(".jt-key")?.textContent === key);
  if (found.length !== 1)
    throw new Error(
      `${found.length} treeitems with key ${key}: ${items()
        .map((e) => e.textContent)
        .join(" | ")}`,
    );
  return found[0];
}

describe("treeModel", () => {
  it("writes paths as JavaScript would reach the value", () => {
    expect(childPath("", "data")).toBe("data");
    expect(childPath("data", "d")).toBe("data.d");
    expect(childPath("data.d", "items")).toBe("data.d.items");
    expect(childPath("data.d.items", 2)).toBe("data.d.items[2]");
    expect(childPath("data.d.items[2]", "name")).toBe("data.d.items[2].name");
    expect(childPath("data", "odd key")).toBe('data["odd key"]');
    expect(childPath("", "$x0")).toBe("$x0");
    expect(childPath("", "0x")).toBe('["0x"]');
    expect(childPath("", "1a")).toBe('["1a"]');
  });

  it("previews a closed container on one short line", () => {
    expect(preview({ a: 1, b: "two", c: null, d: [1], e: {} })).toBe('{a: 1, b: "two", c: null, d: […], e: {}}');
    expect(preview([1, 2, 3])).toBe("[1, 2, 3]");
    const long = preview(Array.from({ length: 1000 }, (_, index) => index));
    expect(long.length).toBeLessThan(100);
    expect(long.endsWith(", …]")).toBe(true);
  });

  it("opens small containers near the top by default and leaves big ones closed", () => {
    const value = { data: { small: [1, 2], big: Array.from({ length: 500 }, () => 0), deep: { a: { b: { c: 1 } } } } };
    const state = defaultOpenState(value);
    expect(state.ids.has("data")).toBe(true);
    expect(state.ids.has("data.small")).toBe(true);
    expect(state.ids.has("data.big")).toBe(false);
    expect(state.ids.has("data.deep")).toBe(true);
    expect(state.ids.has("data.deep.a")).toBe(false);
  });

  it("lists at most MAX_ITEMS items, whatever is open", () => {
    const huge = Array.from({ length: 90 }, () => Array.from({ length: 90 }, (_, index) => index));
    const listed = visibleItems({ data: huge }, { all: true, ids: new Set(), shown: new Map() });
    expect(listed.length).toBe(MAX_ITEMS + 1);
    expect(listed.at(-1)?.kind).toBe("cap");
  });
});

describe("JsonTree", () => {
  it("shows keys and values as text, with small containers open", () => {
    render(<JsonTree value={message} label="Message" />);
    expect(tree().getAttribute("aria-label")).toBe("Message");
    expect(item("type").textContent).toBe('type: "server-response"');
    expect(item("data").getAttribute("aria-expanded")).toBe("true");
    expect(item("d").getAttribute("aria-expanded")).toBe("true");
    expect(item('"odd key"').getAttribute("aria-level")).toBe("3");
    // Level 3 is closed by default and shows a preview instead.
    expect(item("items").getAttribute("aria-expanded")).toBe("false");
    expect(item("items").textContent).toContain("Array(3) [{…}, {…}, {…}]");
  });

  it("opens and closes a node by click", () => {
    render(<JsonTree value={message} label="Message" />);
    const before = items().length;
    fireEvent.click(item("items"));
    expect(item("items").getAttribute("aria-expanded")).toBe("true");
    expect(items().length).toBe(before + 3);
    fireEvent.click(item("data"));
    expect(item("data").getAttribute("aria-expanded")).toBe("false");
    expect(items().map((element) => element.querySelector(".jt-key")?.textContent)).toEqual(["type", "id", "data"]);
  });

  it("expands and collapses everything", () => {
    render(<JsonTree value={message} label="Message" />);
    fireEvent.click(screen.getByRole("button", { name: "Expand all" }));
    // type, id, data, t, d, items, 3 items, 3 names, tags, x, odd key
    expect(items().length).toBe(15);
    expect(items().every((element) => element.getAttribute("aria-expanded") !== "false")).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Collapse all" }));
    expect(items().length).toBe(3);
    expect(item("data").getAttribute("aria-expanded")).toBe("false");
  });

  it("copies the selected node's path and value", async () => {
    render(<JsonTree value={message} label="Message" />);
    fireEvent.click(item("items"));
    fireEvent.click(item("2"));
    const name = item("name");
    fireEvent.focus(name);
    expect(name.getAttribute("aria-selected")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "Copy path" }));
    await waitFor(() => expect(clipboardText).toEqual(["data.d.items[2].name"]));
    expect(document.querySelector(".jt-status")?.textContent).toBe("Copied path data.d.items[2].name");

    // A string is copied as it is, not quoted.
    fireEvent.click(screen.getByRole("button", { name: "Copy value" }));
    await waitFor(() => expect(clipboardText).toHaveLength(2));
    expect(clipboardText[1]).toBe("c");

    fireEvent.focus(item("2"));
    fireEvent.click(screen.getByRole("button", { name: "Copy value" }));
    await waitFor(() => expect(clipboardText).toHaveLength(3));
    expect(JSON.parse(clipboardText[2])).toEqual({ name: "c", tags: ["x"] });

    fireEvent.focus(item('"odd key"'));
    fireEvent.click(screen.getByRole("button", { name: "Copy path" }));
    await waitFor(() => expect(clipboardText).toHaveLength(4));
    expect(clipboardText[3]).toBe('data.d["odd key"]');
  });

  it("copies the whole value when nothing is selected, and has no path to copy then", async () => {
    render(<JsonTree value={message} label="Message" />);
    expect((screen.getByRole("button", { name: "Copy path" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Copy value" }));
    await waitFor(() => expect(clipboardText).toHaveLength(1));
    expect(JSON.parse(clipboardText[0])).toEqual(message);
  });

  it("falls back to the copy command when the clipboard API refuses", async () => {
    writeText.mockRejectedValue(new DOMException("Document is not focused", "NotAllowedError"));
    let copied: string | undefined;
    const execCommand = vi.fn((command: string) => {
      const area = document.querySelector("textarea");
      copied =
        command === "copy" && area && area.selectionStart === 0 && area.selectionEnd === area.value.length
          ? area.value
          : undefined;
      return true;
    });
    Object.defineProperty(document, "execCommand", { configurable: true, value: execCommand });
    render(<JsonTree value={message} label="Message" />);
    fireEvent.focus(item("type"));
    fireEvent.click(screen.getByRole("button", { name: "Copy value" }));
    await waitFor(() => expect(document.querySelector(".jt-status")?.textContent).toBe("Copied value of type"));
    expect(execCommand).toHaveBeenCalledWith("copy");
    expect(copied).toBe("server-response");
    expect(document.querySelector("textarea")).toBeNull();
  });

  it("says so when no way of copying works", async () => {
    writeText.mockRejectedValue(new Error("denied"));
    Object.defineProperty(document, "execCommand", { configurable: true, value: () => false });
    render(<JsonTree value={message} label="Message" />);
    fireEvent.click(screen.getByRole("button", { name: "Copy value" }));
    await waitFor(() =>
      expect(document.querySelector(".jt-status")?.textContent).toBe("Could not copy the whole value"),
    );
  });

  it("is usable from the keyboard", async () => {
    render(<JsonTree value={message} label="Message" />);
    const first = items()[0];
    expect(first.tabIndex).toBe(0);
    expect(items().filter((element) => element.tabIndex === 0)).toHaveLength(1);
    first.focus();
    fireEvent.keyDown(first, { key: "ArrowDown" });
    expect(document.activeElement).toBe(item("id"));
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(item("data"));
    // Left on an open node closes it; Right opens it again, and then moves into it.
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(item("data").getAttribute("aria-expanded")).toBe("false");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(item("data").getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(document.activeElement).toBe(item("t"));
    // Left on a leaf goes to its parent.
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(item("data"));
    // Enter toggles.
    fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    expect(item("data").getAttribute("aria-expanded")).toBe("false");
    fireEvent.keyDown(document.activeElement!, { key: "Home" });
    expect(document.activeElement).toBe(item("type"));
    fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(document.activeElement).toBe(item("data"));
    expect(items().filter((element) => element.tabIndex === 0)).toEqual([item("data")]);
    // Ctrl+C copies the focused node's value.
    fireEvent.keyDown(document.activeElement!, { key: "c", ctrlKey: true });
    await waitFor(() => expect(clipboardText).toHaveLength(1));
    expect(JSON.parse(clipboardText[0])).toEqual(message.data);
  });

  it("keeps a big array closed and lists its children a page at a time", () => {
    const big = { type: "metrics", data: { items: Array.from({ length: 10_000 }, (_, index) => ({ index })) } };
    render(<JsonTree value={big} label="Message" />);
    expect(item("items").getAttribute("aria-expanded")).toBe("false");
    expect(items().length).toBe(3);
    fireEvent.click(item("items"));
    expect(items().length).toBe(3 + CHILD_PAGE + 1);
    const more = items().at(-1)!;
    expect(more.textContent).toBe(`Show ${CHILD_PAGE} more (100 of 10,000 shown)`);
    more.focus();
    fireEvent.keyDown(more, { key: "Enter" });
    expect(items().length).toBe(3 + 2 * CHILD_PAGE + 1);
    // Children of the listed items stay closed: nothing under them is rendered.
    expect(document.querySelectorAll(".jt-key").length).toBe(3 + 2 * CHILD_PAGE);
  });

  it("stops listing at MAX_ITEMS on Expand all", () => {
    const huge = { data: Array.from({ length: 90 }, () => Array.from({ length: 90 }, (_, index) => index)) };
    render(<JsonTree value={huge} label="Message" />);
    fireEvent.click(screen.getByRole("button", { name: "Expand all" }));
    expect(items().length).toBe(MAX_ITEMS + 1);
    expect(items().at(-1)!.textContent).toContain("Stopped listing here");
  });

  it("shows the start of a huge string and copies all of it", async () => {
    const text = "x".repeat(256 * 1024);
    render(<JsonTree value={{ type: "llm-function-call", data: text }} label="Message" />);
    const data = item("data");
    expect(data.textContent!.length).toBeLessThan(STRING_SHOWN + 200);
    expect(data.textContent).toContain("262,144 characters");
    fireEvent.focus(data);
    fireEvent.click(screen.getByRole("button", { name: "Copy value" }));
    await waitFor(() => expect(clipboardText).toHaveLength(1));
    expect(clipboardText[0]).toBe(text);
  });

  it("renders markup in keys and values as text", () => {
    const hostile = { type: "<b>bold</b>", data: { "<img src=x onerror=alert(1)>": "<script>alert(2)</script>" } };
    const { container } = render(<JsonTree value={hostile} label="Message" />);
    expect(container.querySelector("b, img, script")).toBeNull();
    expect(item("type").textContent).toBe('type: "<b>bold</b>"');
    expect(container.textContent).toContain('"<img src=x onerror=alert(1)>": "<script>alert(2)</script>"');
  });

  it("shows a value that is not a container", () => {
    render(<JsonTree value={"just text"} label="Message" />);
    expect(items()).toHaveLength(1);
    expect(items()[0].textContent).toBe('"just text"');
  });
});
