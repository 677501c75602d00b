// The durable copy of each tab's buffer. Chrome stops an idle or busy MV3 service worker
// whenever it likes, and its memory goes with it; batches are acknowledged to the relay only
// once they are written here, so a panel opened after a restart still gets the whole session.
// IndexedDB rather than storage.session: a tab's budget (64 MB) is past that API's quota.
import type { BackgroundToPanel } from "../shared/protocol";

export type StoredBatch = Extract<BackgroundToPanel, { kind: "batch" }>;

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

export class BatchStore {
  private database: Promise<IDBDatabase> | undefined;
  private pending: BatchRecord[] = [];
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

  /**
   * Resolves once the batch is on disk. One write at a time: batches arriving while one is
   * being written go together in the next transaction (a transaction per batch costs the
   * disk more than the data does under load).
   */
  save(tabId: number, batch: StoredBatch): Promise<void> {
    this.pending.push({ ...batch, tabId, order: this.nextOrder() });
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
    const records = this.pending;
    this.pending = [];
    const transaction = (await this.db()).transaction(STORE, "readwrite");
    const store = transaction.objectStore(STORE);
    for (const record of records) store.put(record);
    await completed(transaction);
  }

  /** The tab's batches in arrival order. */
  async load(tabId: number): Promise<StoredBatch[]> {
    const transaction = (await this.db()).transaction(STORE, "readonly");
    const range = IDBKeyRange.bound([tabId, -Infinity], [tabId, Infinity]);
    const records = await promised(transaction.objectStore(STORE).index(BY_TAB).getAll(range));
    return (records as BatchRecord[]).map(({ tabId: _tab, order: _order, ...batch }) => batch);
  }

  async remove(tabId: number, batches: StoredBatch[]): Promise<void> {
    if (batches.length === 0) return;
    const transaction = (await this.db()).transaction(STORE, "readwrite");
    const store = transaction.objectStore(STORE);
    for (const batch of batches) store.delete([tabId, batch.relayId, batch.seq]);
    await completed(transaction);
  }

  async clearTab(tabId: number): Promise<void> {
    const transaction = (await this.db()).transaction(STORE, "readwrite");
    transaction.objectStore(STORE).delete(IDBKeyRange.bound([tabId], [tabId, []]));
    await completed(transaction);
  }
}
