// The relay's batches from the moment the hook hands them over until the background has
// stored them. Posting is windowed: only a few batches wait for their acknowledgement at a
// time, so a flooding page can neither flood the background (which serves every tab) nor grow
// this queue without bound. When it is full the oldest batch never posted goes, and the next
// batch posted says how many events went: those are the only ones known not to have arrived.
import type { RelayToBackground } from "../shared/protocol";

export interface PendingLimits {
  /** Characters of `events` kept in all, posted or not. */
  chars: number;
  batches: number;
  /** Posted and not yet acknowledged: more waits until acknowledgements come. */
  inFlightChars: number;
  inFlightBatches: number;
}

export const PENDING_LIMITS: PendingLimits = {
  // What the background keeps per tab: a relay holding more could not have it all shown.
  chars: 64 * 1024 * 1024,
  // The hook posts a batch of up to ~128 KB per 10 ms flush in normal use (more only in a
  // burst): seconds of them, against a service worker that restarts in ~50 ms.
  batches: 1_000,
  // Sixteen full posts, then a pause for acknowledgements: enough that the background's
  // IndexedDB writes (acknowledged once durable) never hold a 30 000 msg/s stream back.
  inFlightChars: 16 * 1024 * 1024,
  inFlightBatches: 256,
};

export class PendingBatches {
  /** Oldest first, never posted on the current Port. */
  private readonly waiting: RelayToBackground[] = [];
  /** Oldest first, posted on the current Port. */
  private readonly inFlight: RelayToBackground[] = [];
  private chars = 0;
  private inFlightChars = 0;
  /** Events dropped (here or refused on arrival) that no posted batch has reported yet. */
  private unreported = 0;

  constructor(private readonly limits: PendingLimits = PENDING_LIMITS) {}

  /** Keeps a batch to post, making room by dropping the oldest never posted. */
  add(batch: RelayToBackground): void {
    this.waiting.push(batch);
    this.chars += batch.events.length;
    while (this.isOverLimits() && this.waiting.length > 1) {
      const oldest = this.waiting.shift()!;
      this.chars -= oldest.events.length;
      this.unreported += oldest.count + (oldest.dropped ?? 0);
    }
  }

  noteDropped(count: number): void {
    this.unreported += count;
  }

  /** The next batch to post now, if the window has room; it is in flight from then on. */
  next(): RelayToBackground | undefined {
    const batch = this.waiting[0];
    if (!batch) return undefined;
    const full =
      this.inFlight.length >= this.limits.inFlightBatches ||
      this.inFlightChars + batch.events.length > this.limits.inFlightChars;
    // One batch always goes, however large: the window only decides how many wait together.
    if (this.inFlight.length > 0 && full) return undefined;
    this.waiting.shift();
    if (this.unreported > 0) {
      batch.dropped = (batch.dropped ?? 0) + this.unreported;
      this.unreported = 0;
    }
    this.inFlight.push(batch);
    this.inFlightChars += batch.events.length;
    return batch;
  }

  /** The background stored every batch up to `seq`. */
  acknowledge(seq: number): void {
    while (this.inFlight.length > 0 && this.inFlight[0].seq <= seq) {
      const stored = this.inFlight.shift()!;
      this.chars -= stored.events.length;
      this.inFlightChars -= stored.events.length;
    }
  }

  /** The Port was lost: what it may not have stored is posted again, before the rest. */
  resendAll(): void {
    // Marked, so a panel (and test/e2e/serviceWorker.e2e.ts) can tell a resend from a first post.
    for (const batch of this.inFlight) batch.resent = true;
    this.waiting.unshift(...this.inFlight);
    this.inFlight.length = 0;
    this.inFlightChars = 0;
  }

  get isEmpty(): boolean {
    return this.waiting.length === 0 && this.inFlight.length === 0;
  }

  /** Some dropped events wait for a batch to report them, and no batch is waiting. */
  get needsReport(): boolean {
    return this.unreported > 0 && this.waiting.length === 0;
  }

  private isOverLimits(): boolean {
    return this.chars > this.limits.chars || this.waiting.length + this.inFlight.length > this.limits.batches;
  }
}
