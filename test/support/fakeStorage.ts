// browser.storage.local for panel component tests, kept in memory (what the component
// stores is read back as a structured clone, as the real API does). Use with
// vi.mock("webextension-polyfill", async () => ({ default: (await import(...)).fakeBrowser })).
export const storageItems = new Map<string, unknown>();

export const fakeBrowser = {
  storage: {
    local: {
      async get(key: string) {
        return storageItems.has(key) ? { [key]: structuredClone(storageItems.get(key)) } : {};
      },
      async set(items: Record<string, unknown>) {
        for (const [key, value] of Object.entries(items)) storageItems.set(key, structuredClone(value));
      },
      async remove(key: string) {
        storageItems.delete(key);
      },
    },
  },
};
