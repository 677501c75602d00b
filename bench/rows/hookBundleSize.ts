import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { atMost, type Row } from "../row";
import { HOOK_BUNDLE } from "../support/env";

export const hookBundleSizeRow: Row = {
  name: "hook bundle size",
  target: atMost(20480, "B"),
  async measure() {
    const bundle = readFileSync(HOOK_BUNDLE);
    const gzipped = gzipSync(bundle).length;
    return { value: bundle.length, unit: "B", detail: `${gzipped} B gzipped`, figures: { gzipped } };
  },
};
