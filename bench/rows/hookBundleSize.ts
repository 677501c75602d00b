import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { atMost, type Row } from "../row";
import { CONTROLS_BUNDLE, HOOK_BUNDLE } from "../support/env";

export const hookBundleSizeRow: Row = {
  name: "hook bundle size",
  target: atMost(20480, "B"),
  async measure() {
    const bundle = readFileSync(HOOK_BUNDLE);
    const gzipped = gzipSync(bundle).length;
    // Not part of the hook every page runs; shown so that moving code there is never free.
    const controls = readFileSync(CONTROLS_BUNDLE).length;
    return {
      value: bundle.length,
      unit: "B",
      detail: `${gzipped} B gzipped; the panel's controls, loaded only while a panel needs them: ${controls} B`,
      figures: { gzipped, controls },
    };
  },
};
