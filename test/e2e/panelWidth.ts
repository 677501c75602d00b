// Runs in vitest's e2e project: gives the real DevTools panel a width, as a person docking
// DevTools beside the page does. The panel is a frame of the DevTools window, beside DevTools'
// own parts (whose widths change with the window's): the window's width is found by bisection
// on what the panel measures, until the panel is `target` px wide, give or take a few.
import type { Frame, Page } from "playwright-core";

/** Sets the DevTools window's width and returns the panel's width once the panel has its new size. */
export async function resizeDevtools(
  devtools: Page,
  panel: Frame,
  windowWidth: number,
  height: number,
): Promise<number> {
  await devtools.setViewportSize({ width: windowWidth, height });
  // DevTools lays its panes out in its own frames, and the panel (another process) learns its new
  // size later still: two frames of the DevTools page give the panel's frame element its width,
  // then the panel is waited for until its viewport has it. (Two frames of the panel alone read
  // a stale width on a loaded machine, and the bisection went astray.)
  const frameElement = await panel.frameElement();
  const frameWidth = await frameElement.evaluate(async (element) => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return (element as HTMLIFrameElement).clientWidth;
  });
  await panel.waitForFunction((width) => window.innerWidth === width, frameWidth);
  return panel.evaluate(() => document.documentElement.clientWidth);
}

/**
 * Docks the panel about `target` px wide (target − 5 … target): returns the width reached and
 * each [window width, panel width] tried, for the message of a test that finds it off.
 */
export async function dockPanelAt(
  devtools: Page,
  panel: Frame,
  target: number,
  height: number,
): Promise<{ width: number; tried: number[][] }> {
  let narrow = target;
  let wide = target * 3.2;
  const tried: number[][] = [];
  let width = Number.NaN;
  for (let step = 0; step < 12; step++) {
    const windowWidth = Math.round((narrow + wide) / 2);
    width = await resizeDevtools(devtools, panel, windowWidth, height);
    tried.push([windowWidth, width]);
    if (width >= target - 5 && width <= target) break;
    if (width > target) wide = windowWidth;
    else narrow = windowWidth;
  }
  return { width, tried };
}
