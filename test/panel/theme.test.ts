import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type ThemeListener = (name: string) => void;

const fake = vi.hoisted(() => ({ browser: {} as Record<string, unknown> }));
vi.mock("webextension-polyfill", () => ({
  get default() {
    return fake.browser;
  },
}));

import { followDevtoolsTheme, themeFromName } from "../../panel/theme";

/** A MediaQueryList for prefers-color-scheme whose changes the test makes. */
class FakeMedia {
  listeners = new Set<(event: { matches: boolean }) => void>();
  constructor(public matches: boolean) {}
  addEventListener(_type: string, listener: (event: { matches: boolean }) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: string, listener: (event: { matches: boolean }) => void) {
    this.listeners.delete(listener);
  }
  change(matches: boolean) {
    this.matches = matches;
    for (const listener of this.listeners) listener({ matches });
  }
}

let media: FakeMedia;
let queries: string[];

function stubMedia(dark: boolean) {
  media = new FakeMedia(dark);
  queries = [];
  vi.stubGlobal("matchMedia", (query: string) => {
    queries.push(query);
    return media;
  });
}

/** devtools.panels as Firefox has it: a theme name and a change event. */
function firefoxPanels(themeName: string) {
  const listeners = new Set<ThemeListener>();
  const panels = {
    themeName,
    onThemeChanged: {
      addListener: (listener: ThemeListener) => listeners.add(listener),
      removeListener: (listener: ThemeListener) => listeners.delete(listener),
    },
  };
  fake.browser = { devtools: { panels } };
  return {
    fire: (name: string) => {
      for (const listener of listeners) listener(name);
    },
    listeners,
  };
}

const theme = () => document.documentElement.dataset.theme;

beforeEach(() => {
  delete document.documentElement.dataset.theme;
  fake.browser = {};
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("followDevtoolsTheme", () => {
  it("maps Chrome's and Firefox's theme names", () => {
    expect(themeFromName("default")).toBe("light");
    expect(themeFromName("light")).toBe("light");
    expect(themeFromName("dark")).toBe("dark");
    expect(themeFromName(undefined)).toBe("light");
  });

  it("follows Firefox's theme and its change event", () => {
    stubMedia(false);
    const firefox = firefoxPanels("dark");
    const stop = followDevtoolsTheme();
    expect(theme()).toBe("dark");
    firefox.fire("light");
    expect(theme()).toBe("light");
    // The system's scheme does not count where DevTools says its own.
    media.change(true);
    expect(theme()).toBe("light");
    firefox.fire("dark");
    expect(theme()).toBe("dark");
    stop();
    expect(firefox.listeners.size).toBe(0);
  });

  it("takes Chrome's theme name, then follows the system's colour scheme", () => {
    stubMedia(true);
    fake.browser = { devtools: { panels: { themeName: "default" } } };
    const stop = followDevtoolsTheme();
    // DevTools' name wins over the system's scheme at the start.
    expect(theme()).toBe("light");
    expect(queries).toEqual(["(prefers-color-scheme: dark)"]);
    media.change(true);
    expect(theme()).toBe("dark");
    media.change(false);
    expect(theme()).toBe("light");
    stop();
    expect(media.listeners.size).toBe(0);
    media.change(true);
    expect(theme()).toBe("light");
  });

  it("reads Chrome's dark theme", () => {
    stubMedia(false);
    fake.browser = { devtools: { panels: { themeName: "dark" } } };
    followDevtoolsTheme()();
    expect(theme()).toBe("dark");
  });

  it("follows the system's colour scheme outside DevTools", () => {
    stubMedia(true);
    fake.browser = { runtime: {} };
    const stop = followDevtoolsTheme();
    expect(theme()).toBe("dark");
    media.change(false);
    expect(theme()).toBe("light");
    stop();
    expect(media.listeners.size).toBe(0);
  });

  it("does not fail when the devtools API throws", () => {
    stubMedia(false);
    fake.browser = Object.defineProperty({}, "devtools", {
      get() {
        throw new Error("not in DevTools");
      },
    });
    followDevtoolsTheme();
    expect(theme()).toBe("light");
  });
});

describe("theme variables in panel.css", () => {
  const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../panel/panel.css"), "utf8");

  function block(selector: RegExp): string {
    const match = css.match(new RegExp(`${selector.source}\\s*\\{([^}]*)\\}`));
    if (!match) throw new Error(`no rule for ${selector}`);
    return match[1];
  }

  function defined(body: string): Set<string> {
    return new Set([...body.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]));
  }

  const light = defined(block(/:root,\s*:root\[data-theme="?light"?\]/));
  const dark = defined(block(/:root\[data-theme="?dark"?\]/));

  const required = [
    "--bg",
    "--fg",
    "--row-alt",
    "--devtools-mark",
    ...[
      "lifecycle",
      "request",
      "response",
      "server-message",
      "speaking",
      "transcript",
      "llm",
      "tts",
      "metrics",
      "function-call",
      "error",
      "ui",
      "noise",
      "other",
    ].map((category) => `--cat-${category}`),
  ];

  it("defines every variable the panel uses, in both themes", () => {
    const used = new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((match) => match[1]));
    // Set per element by the log and the chips, not by the theme.
    used.delete("--row-color");
    used.delete("--chip-color");
    for (const name of new Set([...required, ...used])) {
      expect(light.has(name), `${name} in the light theme`).toBe(true);
      expect(dark.has(name), `${name} in the dark theme`).toBe(true);
    }
    expect([...light].sort()).toEqual([...dark].sort());
  });

  it("has a colour for every category the log knows", async () => {
    const { CATEGORY_LABELS } = await import("../../panel/model/categories");
    for (const category of Object.keys(CATEGORY_LABELS)) expect(light.has(`--cat-${category}`), category).toBe(true);
  });
});
