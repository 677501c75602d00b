// The panel's colours follow DevTools: `data-theme` on the root element is "light" or "dark",
// and panel.css defines its variables for both. Firefox names its theme and says when it
// changes (devtools.panels.onThemeChanged); Chrome names it once ("default" or "dark") and
// has no change event, so there a change of the system's colour scheme stands in for it, as
// it does when the panel is opened as a page, outside DevTools.
import browser from "webextension-polyfill";

export type Theme = "light" | "dark";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Chrome says "default" or "dark", Firefox "light" or "dark". */
export function themeFromName(name: unknown): Theme {
  return name === "dark" ? "dark" : "light";
}

interface DevtoolsPanels {
  themeName?: unknown;
  onThemeChanged?: {
    addListener(listener: (name: string) => void): void;
    removeListener(listener: (name: string) => void): void;
  };
}

function devtoolsPanels(): DevtoolsPanels | undefined {
  try {
    return (browser as unknown as { devtools?: { panels?: DevtoolsPanels } }).devtools?.panels ?? undefined;
  } catch {
    return undefined;
  }
}

/** Sets the theme now and follows its changes; returns what stops following. */
export function followDevtoolsTheme(): () => void {
  const apply = (theme: Theme) => {
    document.documentElement.dataset.theme = theme;
  };
  const panels = devtoolsPanels();
  const inDevtools = typeof panels?.themeName === "string";
  if (inDevtools) apply(themeFromName(panels.themeName));

  const changed = panels?.onThemeChanged;
  if (inDevtools && changed && typeof changed.addListener === "function") {
    const onThemeChanged = (name: string) => apply(themeFromName(name));
    changed.addListener(onThemeChanged);
    return () => changed.removeListener(onThemeChanged);
  }

  const media = typeof matchMedia === "function" ? matchMedia(DARK_QUERY) : undefined;
  if (!media) {
    if (!inDevtools) apply("light");
    return () => {};
  }
  if (!inDevtools) apply(media.matches ? "dark" : "light");
  const onMediaChange = (event: MediaQueryListEvent) => apply(event.matches ? "dark" : "light");
  media.addEventListener("change", onMediaChange);
  return () => media.removeEventListener("change", onMediaChange);
}
