/**
 * The "App events" list: one deterministic line of text per callback, event or
 * app action, `name` followed by its arguments as JSON. Values that differ from
 * run to run for the same scripted bot (timestamps, random ids) are replaced by
 * a placeholder so the same scenario always yields the same lines.
 */

const VOLATILE_KEYS = new Set(["timestamp", "id", "pc_id", "tool_call_id"]);

function stableJson(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  const json = JSON.stringify(value, (key, v) => (VOLATILE_KEYS.has(key) ? "<volatile>" : v));
  return json === undefined ? "undefined" : json;
}

export function formatLine(name: string, args: readonly unknown[]): string {
  return [name, ...args.map(stableJson)].join(" ");
}

export class EventLog {
  readonly #list: HTMLOListElement;
  #scrollQueued = false;

  constructor(list: HTMLOListElement) {
    this.#list = list;
  }

  /** Append `name` and its arguments (each as JSON). */
  add(name: string, ...args: unknown[]): void {
    this.addText(formatLine(name, args));
  }

  /** Append a line as is. */
  addText(line: string): void {
    const item = document.createElement("li");
    item.textContent = line;
    this.#list.append(item);
    if (!this.#scrollQueued) {
      this.#scrollQueued = true;
      requestAnimationFrame(() => {
        this.#scrollQueued = false;
        this.#list.scrollTop = this.#list.scrollHeight;
      });
    }
  }
}
