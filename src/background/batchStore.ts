// The durable copy of each tab's buffer. Chrome stops an idle or busy MV3 service worker
// whenever it likes, and its memory goes with it; batches are acknowledged to the relay only
// once they are written here, so a panel opened after a restart still gets the whole session.
// IndexedDB rather than storage.session: a tab's budget (64 MB) is past that API's quota.
import type { PanelBatch } from "../shared/protocol/panelBackground";

export type StoredBatch = PanelBatch;

interface BatchRecord extends StoredBatch {
  tabId: number;
  /** Arrival order across service-worker restarts. */
  order: number;
}

const DB_NAME = "pipecat-devtools";
const STORE = "batches";
const BY_TAB = "byTab";

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    // Keyed by relay and sequence: a batch resent after a restart overwrites itself.
    const store = request.result.createObjectStore(STORE, { keyPath: ["tabId", "relayId", "seq"] });
    store.createIndex(BY_TAB, ["tabId", "order"]);
  };
  return promised(request);
}

/** A write waiting for the next transaction: a batch to store, or the key of one to forget. */
type PendingWrite = { put: BatchRecord } | { delete: [number, string, number] };

export class BatchStore {
  private database: Promise<IDBDatabase> | undefined;
  private pending: PendingWrite[] = [];
  /** The transaction being written, and the one that will take what arrives meanwhile. */
  private writing: Promise<void> | undefined;
  private nextWrite: Promise<void> | undefined;
  private lastOrder = 0;

  private db(): Promise<IDBDatabase> {
    this.database ??= openDatabase();
    return this.database;
  }

  /** Strictly increasing, also across restarts (wall clock, then a tiebreak). */
  private nextOrder(): number {
    this.lastOrder = Math.max(Date.now(), this.lastOrder + 0.001);
    return this.lastOrder;
  }

  /** Resolves once the batch is on disk. */
  save(tabId: number, batch: StoredBatch): Promise<void> {
    return this.write([{ put: { ...batch, tabId, order: this.nextOrder() } }]);
  }

  /** Resolves once the batches are gone from disk. */
  remove(tabId: number, batches: StoredBatch[]): Promise<void> {
    if (batches.length === 0) return Promise.resolve();
    return this.write(batches.map((batch) => ({ delete: [tabId, batch.relayId, batch.seq] })));
  }

  /**
   * One transaction at a time, in order: what arrives while one is being written goes
   * together in the next (a transaction per batch, and another per eviction, cost the disk
   * more than the data does under load).
   */
  private write(writes: PendingWrite[]): Promise<void> {
    this.pending.push(...writes);
    this.nextWrite ??= (this.writing ?? Promise.resolve()).then(() => {
      this.nextWrite = undefined;
      this.writing = this.writePending().finally(() => {
        this.writing = undefined;
      });
      return this.writing;
    });
    return this.nextWrite;
  }

  private async writePending(): Promise<void> {
    const writes = this.pending;
    this.pending = [];
    const transaction = (await this.db()).transaction(STORE, "readwrite");
    const store = transaction.objectStore(STORE);
    for (const write of writes) {
      if ("put" in write) store.put(write.put);
      else store.delete(write.delete);
    }
    await completed(transaction);
  }

  /** The tab's batches in arrival order. */
  async load(tabId: number): Promise<StoredBatch[]> {
    const transaction = (await this.db()).transaction(STORE, "readonly");
    const range = IDBKeyRange.bound([tabId, -Infinity], [tabId, Infinity]);
    const records = await promised(transaction.objectStore(STORE).index(BY_TAB).getAll(range));
    return (records as BatchRecord[]).map(({ tabId: _tab, order: _order, ...batch }) => batch);
  }

  async clearTab(tabId: number): Promise<void> {
    const transaction = (await this.db()).transaction(STORE, "readwrite");
    transaction.objectStore(STORE).delete(IDBKeyRange.bound([tabId], [tabId, []]));
    await completed(transaction);
  }
}
