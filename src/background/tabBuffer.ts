// What a tab's frames sent, kept for panels that open later or reopen. Bounded by bytes:
// when full, the oldest batches go first and their events are counted as dropped.
import type { BackgroundToPanel } from "../shared/protocol";

type Batch = Extract<BackgroundToPanel, { kind: "batch" }>;

/** Room for at least 50 000 messages of 1 KB with their envelopes. */
export const DEFAULT_TAB_BUFFER_BYTES = 64 * 1024 * 1024;

export class TabBuffer {
  private readonly kept: Batch[] = [];
  private head = 0;
  private bytes = 0;
  /** Events discarded since the tab's buffer began. */
  dropped = 0;

  constructor(private readonly budgetBytes = DEFAULT_TAB_BUFFER_BYTES) {}

  /** Keeps the batch; returns the older batches that had to go to make room. */
  append(batch: Batch): Batch[] {
    this.kept.push(batch);
    this.bytes += batch.events.length;
    const evicted: Batch[] = [];
    while (this.bytes > this.budgetBytes && this.head < this.kept.length - 1) {
      const oldest = this.kept[this.head++];
      this.bytes -= oldest.events.length;
      this.dropped += oldest.count;
      evicted.push(oldest);
    }
    // Compact now and then instead of shifting on every drop.
    if (this.head > 1024 && this.head * 2 > this.kept.length) {
      this.kept.splice(0, this.head);
      this.head = 0;
    }
    return evicted;
  }

  batches(): Batch[] {
    return this.kept.slice(this.head);
  }
}
