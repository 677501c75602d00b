// Which demo page a URL belongs to: the longest page path that prefixes it, the main app otherwise.
import { describe, expect, it } from "vitest";
import { demoPages, pageForPath } from "../../demo/pages";

const pages = [
  { urlPath: "/", distDir: "/d/app" },
  { urlPath: "/react/", distDir: "/d/react" },
];

describe("pageForPath", () => {
  it("serves a page's files under its own path, the main app's everywhere else", () => {
    expect(pageForPath(pages, "/react/")).toEqual({ page: pages[1], path: "/" });
    expect(pageForPath(pages, "/react/assets/a.js")).toEqual({ page: pages[1], path: "/assets/a.js" });
    expect(pageForPath(pages, "/reactor.html")).toEqual({ page: pages[0], path: "/reactor.html" });
    expect(pageForPath(pages, "/")).toEqual({ page: pages[0], path: "/" });
  });

  it("finds the main app among the demo's folders", () => {
    expect(demoPages().find((page) => page.urlPath === "/")?.configFile).toMatch(/demo\/app\/vite\.config\.ts$/);
  });
});
