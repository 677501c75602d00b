// The per-tab buffer budget as the panel sets it: read from extension storage, checked, and
// saved only when valid, with the reason next to the field otherwise.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { BufferSetting } from "../../panel/toolbar/BufferSetting";
import { BUFFER_MEGABYTES_KEY } from "../../src/shared/settings";
import { storageItems } from "../support/fakeStorage";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

beforeEach(() => storageItems.clear());
afterEach(cleanup);

const field = () => screen.getByRole("spinbutton", { name: "Buffer per tab (MB)" }) as HTMLInputElement;

function enter(value: string) {
  fireEvent.input(field(), { target: { value } });
  fireEvent.change(field(), { target: { value } });
}

describe("BufferSetting", () => {
  it("shows the default until the user chose, then what was stored", async () => {
    render(<BufferSetting />);
    await waitFor(() => expect(field().value).toBe("64"));
    cleanup();
    storageItems.set(BUFFER_MEGABYTES_KEY, 200);
    render(<BufferSetting />);
    await waitFor(() => expect(field().value).toBe("200"));
  });

  it("falls back to the default when storage holds something else", async () => {
    storageItems.set(BUFFER_MEGABYTES_KEY, "lots");
    render(<BufferSetting />);
    await waitFor(() => expect(field().value).toBe("64"));
  });

  it("saves a valid size", async () => {
    render(<BufferSetting />);
    await waitFor(() => expect(field().value).toBe("64"));
    enter("16");
    await waitFor(() => expect(storageItems.get(BUFFER_MEGABYTES_KEY)).toBe(16));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it.each([
    ["0", "From 1 to 1024 MB"],
    ["5000", "From 1 to 1024 MB"],
    ["2.5", "A whole number of MB"],
    ["", "A whole number of MB"],
  ])("refuses %j next to the field and saves nothing", async (value, reason) => {
    render(<BufferSetting />);
    await waitFor(() => expect(field().value).toBe("64"));
    enter(value);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(reason);
    expect(field().getAttribute("aria-describedby")).toBe(alert.id);
    expect(storageItems.has(BUFFER_MEGABYTES_KEY)).toBe(false);
  });
});
