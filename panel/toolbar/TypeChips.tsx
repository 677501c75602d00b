// One chip per message type in the log, with its count: click to hide or show that type.
// The noisy types (audio levels, system logs) share one chip and start hidden.
import type { FilterSpec } from "../model/filter";
import type { SessionStore } from "../model/store";
import { CATEGORY_LABELS, type Category } from "../model/categories";

const CATEGORY_ORDER = Object.keys(CATEGORY_LABELS) as Category[];

export function TypeChips({
  store,
  filter,
  onFilter,
}: {
  store: SessionStore;
  filter: FilterSpec;
  onFilter: (filter: FilterSpec) => void;
}) {
  const counts = [...store.typeCounts.values()];
  const noisy = counts.filter((count) => count.category === "noise");
  const noisyTotal = noisy.reduce((sum, count) => sum + count.count, 0);
  const chips = counts
    .filter((count) => count.category !== "noise")
    .sort(
      (a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || a.type.localeCompare(b.type),
    );
  if (counts.length === 0) return null;
  const toggle = (type: string) => {
    const hiddenTypes = new Set(filter.hiddenTypes);
    if (!hiddenTypes.delete(type)) hiddenTypes.add(type);
    onFilter({ ...filter, hiddenTypes });
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset (whose border and legend the toolbar has no room for).
    <div class="chips" role="group" aria-label="Message types">
      {chips.map((count) => (
        <button
          key={count.type}
          type="button"
          class={`chip cat-${count.category}`}
          aria-pressed={!filter.hiddenTypes.has(count.type)}
          title={CATEGORY_LABELS[count.category]}
          onClick={() => toggle(count.type)}
        >
          {count.type} <span class="chip-count">{count.count}</span>
        </button>
      ))}
      {noisyTotal > 0 && (
        <button
          type="button"
          class="chip cat-noise"
          aria-pressed={filter.showNoisy}
          title={noisy.map((count) => `${count.type}: ${count.count}`).join("\n")}
          onClick={() => onFilter({ ...filter, showNoisy: !filter.showNoisy })}
        >
          {CATEGORY_LABELS.noise} <span class="chip-count">{noisyTotal}</span>
          {!filter.showNoisy && " hidden"}
        </button>
      )}
      {filter.hiddenTypes.size > 0 && (
        <button type="button" class="chip chip-reset" onClick={() => onFilter({ ...filter, hiddenTypes: new Set() })}>
          Show all types
        </button>
      )}
    </div>
  );
}
