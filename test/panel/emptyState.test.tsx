import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { EmptyState, REGISTER_SNIPPET } from "../../panel/EmptyState";

afterEach(cleanup);

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../README.md"), "utf8");

describe("EmptyState", () => {
  it("says what the hook looks for", () => {
    render(<EmptyState hookPresence="full" onReload={() => {}} />);
    expect(screen.getByRole("heading", { name: "No Pipecat client found yet" })).toBeTruthy();
    const text = document.body.textContent!;
    expect(text).toContain("PipecatClient built by @pipecat-ai/client-js 1.x");
    expect(text).toContain("RTVIClient from 0.4");
    expect(text).toContain("when it is constructed, in any frame of the page and over any transport");
  });

  it("reloads the page", () => {
    const onReload = vi.fn();
    render(<EmptyState hookPresence="late" onReload={onReload} />);
    fireEvent.click(screen.getByRole("button", { name: "Reload page" }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it("shows the README's registration snippet, word for word", () => {
    render(<EmptyState hookPresence="full" onReload={() => {}} />);
    expect(readme).toContain(`\`\`\`ts\n${REGISTER_SNIPPET}\n\`\`\``);
    expect(document.querySelector("pre")!.textContent).toBe(REGISTER_SNIPPET);
    const intro = "push its client to a well-known array; it works whether the hook loads before or after:";
    expect(readme.replace(/\s+/g, " ")).toContain(intro);
    expect(document.body.textContent!.replace(/\s+/g, " ")).toContain(intro);
  });

  it("copies the snippet", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    render(<EmptyState hookPresence="full" onReload={() => {}} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy snippet" }));
    await waitFor(() => expect(document.querySelector(".copy-note")?.textContent).toBe("Copied"));
    expect(writeText).toHaveBeenCalledWith(REGISTER_SNIPPET);
  });

  it("points to the site access bar when the hook is absent", () => {
    render(<EmptyState hookPresence="absent" onReload={() => {}} />);
    const note = screen.getByRole("note");
    expect(note.textContent).toContain("The hook is not running in this page");
    expect(note.textContent).toContain('"Hook this site"');
  });

  it("explains a hook that arrived late", () => {
    render(<EmptyState hookPresence="late" onReload={() => {}} />);
    const note = screen.getByRole("note");
    expect(note.textContent).toContain("The hook arrived after this page had started");
    expect(note.textContent).not.toContain("Hook this site");
  });

  it("says the hook is waiting when it was there from the start", () => {
    render(<EmptyState hookPresence="full" onReload={() => {}} />);
    const note = screen.getByRole("note");
    expect(note.textContent).toContain("no client has been built yet");
    expect(note.textContent).not.toContain("arrived after");
    expect(note.textContent).not.toContain("Hook this site");
  });
});
