// What a tab's frames sent, kept for panels that open later or reopen. Bounded by bytes
// (the user's setting, src/shared/settings.ts): when full, the oldest batches of messages go
// first and their events are counted as dropped. Batches of the page's state (`keep`: hooks,
// clients, connections; a few KB in a session) stay, so a panel opened later still knows the
// clients whose newest messages it shows; they have a budget of their own, an eighth of the
// whole, against a page that marks everything `keep`.
import type { PanelBatch as Batch } from "../shared/protocol/panelBackground";
import { DEFAULT_BUFFER_MEGABYTES, megabytesToBytes } from "../shared/settings";

interface Entry {
  batch: Batch;
  /** Arrival order across both queues. */
  order: number;
}

/** Oldest first; dropping from the front moves a head index instead of shifting. */
class Queue {
  private entries: Entry[] = [];
  private head = 0;
  bytes = 0;

  get length(): number {
    return this.entries.length - this.head;
  }

  push(entry: Entry): void {
    this.entries.push(entry);
    this.bytes += entry.batch.events.length;
  }

  shift(): Entry {
    const oldest = this.entries[this.head++];
    this.bytes -= oldest.batch.events.length;
    // Compact now and then instead of shifting on every drop.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return oldest;
  }

  live(): Entry[] {
    return this.entries.slice(this.head);
  }
}

export class TabBuffer {
  private readonly messages = new Queue();
  private readonly state = new Queue();
  private order = 0;
  /** Events discarded since the tab's buffer began. */
  dropped = 0;

  constructor(private budgetBytes = megabytesToBytes(DEFAULT_BUFFER_MEGABYTES)) {}

  /** Keeps the batch; returns the older batches that had to go to make room. */
  append(batch: Batch): Batch[] {
    (batch.keep ? this.state : this.messages).push({ batch, order: this.order++ });
    return this.evict();
  }

  /** Takes a new budget; returns the batches that no longer fit. */
  setBudget(budgetBytes: number): Batch[] {
    this.budgetBytes = budgetBytes;
    return this.evict();
  }

  /** Everything kept, in arrival order. */
  batches(): Batch[] {
    return [...this.state.live(), ...this.messages.live()]
      .sort((a, b) => a.order - b.order)
      .map((entry) => entry.batch);
  }

  /** The newest batch of each queue always stays, whatever its size. */
  private evict(): Batch[] {
    const evicted: Batch[] = [];
    const drop = (queue: Queue) => {
      const { batch } = queue.shift();
      this.dropped += batch.count;
      evicted.push(batch);
    };
    while (this.state.bytes > this.budgetBytes / 8 && this.state.length > 1) drop(this.state);
    while (this.state.bytes + this.messages.bytes > this.budgetBytes && this.messages.length > 1) drop(this.messages);
    return evicted;
  }
}
