// browser.storage.local for panel component tests, kept in memory (what the component
// stores is read back as a structured clone, as the real API does). Use with
// vi.mock("webextension-polyfill", async () => ({ default: (await import(...)).fakeBrowser })).
export const storageItems = new Map<string, unknown>();

type ChangeListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;
const changeListeners = new Set<ChangeListener>();

// As the real API does, listeners hear of a write after it has been made, from another task.
function announce(key: string, oldValue: unknown, newValue: unknown): void {
  const change = { [key]: { oldValue: structuredClone(oldValue), newValue: structuredClone(newValue) } };
  setTimeout(() => {
    for (const listener of changeListeners) listener(change, "local");
  });
}

export const fakeBrowser = {
  storage: {
    local: {
      async get(key: string) {
        return storageItems.has(key) ? { [key]: structuredClone(storageItems.get(key)) } : {};
      },
      async set(items: Record<string, unknown>) {
        for (const [key, value] of Object.entries(items)) {
          const oldValue = storageItems.get(key);
          storageItems.set(key, structuredClone(value));
          announce(key, oldValue, value);
        }
      },
      async remove(key: string) {
        if (!storageItems.has(key)) return;
        const oldValue = storageItems.get(key);
        storageItems.delete(key);
        announce(key, oldValue, undefined);
      },
    },
    onChanged: {
      addListener: (listener: ChangeListener) => changeListeners.add(listener),
      removeListener: (listener: ChangeListener) => changeListeners.delete(listener),
    },
  },
};
