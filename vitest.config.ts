import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/{hook,controls,content,background,shared,panel}/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          // lifecycle.test.ts proves the hook holds no client alive, which needs gc();
          // hook.test.ts checks what the hook adopts keeps fast properties (%HasFastProperties).
          execArgv: ["--expose-gc", "--allow-natives-syntax"],
        },
      },
      {
        test: {
          name: "node",
          include: ["test/demo/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.ts"],
          environment: "node",
          globalSetup: ["test/e2e/globalSetup.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Browsers are heavy on a 2-core machine: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
