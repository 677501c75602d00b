// Runs in the panel. Pure functions that say, for an inbound message, which of the app's handlers
// ran or why none did, and, for the Connection view, what the app registered: its callbacks,
// apart from the names client-js's own wrappers hold, and its listeners, with the names the
// client's client-js never calls or emits. What client-js does with each type is
// ./clientJsHandlers.ts; what ran is the hook's record of the events the client emitted while it
// handled the message, with the listeners each had then; the callbacks are what the page reports
// now (./describeHandlers.ts): client-js keeps the callbacks it was built with for good.
import type { MessageRow } from "../model/store";
import {
  NEWEST_CHECKED_MINOR,
  calledCallbacks,
  emittedEvents,
  emits,
  inboundHandling,
  isUndescribed,
  tableVersion,
  wrappedCallbacks,
  type Emits,
  type Instead,
  type TableVersion,
} from "./clientJsHandlers";
import type { HandlersNow } from "./describeHandlers";

/** An event the client emitted while it handled a message, with the listeners it had then. */
export interface EmittedEvent {
  readonly event: string;
  readonly listeners: number;
}

/**
 * What the explanation reads of a log row. `emitted` is the hook's record of the events the
 * client emitted while it handled the message ([] when it emitted none; absent when the hook
 * could not watch). `undelivered` is set on a frame the client's transport dropped
 * (panel/model/messageRow.ts keeps it on the row).
 */
export type HandledRow = Pick<MessageRow, "dir" | "level" | "type"> & {
  readonly emitted?: readonly EmittedEvent[];
  readonly undelivered?: string;
};

export interface Explanation {
  /** One line: "Ran: …", "Nothing ran: …", "Not handled by the client: …". */
  summary: string;
  /** Why, and what else is known, one sentence each. */
  notes: string[];
}

const listenersText = (count: number, event: string) => `${count} listener${count === 1 ? "" : "s"} for ${event}`;

const thereAre = (count: number, event: string) =>
  `There ${count === 1 ? "is" : "are"} ${listenersText(count, event)} now`;

const listenersNow = (now: HandlersNow | undefined, event: string) =>
  now?.listeners.find((entry) => entry.event === event)?.count ?? 0;

const dropped = (label: string, type: string) => `Nothing ran: ${label} drops ${type} without an event or callback`;

/** The callback's part of the notes, when the summary does not settle it. */
function callbackNotes(label: string, handling: Emits, now: HandlersNow | undefined): string[] {
  if (handling.wrapped) {
    return [
      `${label} calls your ${handling.callback} if you passed one; it wraps it, so whether you did is not visible here.`,
    ];
  }
  return now === undefined ? [`Whether you passed an ${handling.callback} callback is not known here.`] : [];
}

/** What client-js does besides calling handlers, when there is something. */
const alsoNotes = (label: string, handling: Emits) =>
  handling.also === undefined ? [] : [`${label} ${handling.also}.`];

/** For a type client-js handles without an event (server-response): what it does, and the listeners that wait in vain. */
function instead(label: string, type: string, handling: Instead, now: HandlersNow | undefined, notes: string[]) {
  const waiting = listenersNow(now, "serverResponse");
  if (type === "server-response" && waiting > 0) {
    notes.push(`The ${listenersText(waiting, "serverResponse")} never run: ${label} never emits serverResponse.`);
  }
  return { summary: `Nothing ran: ${label} ${handling.instead}`, notes };
}

/** Listeners registered after the message came: they missed it. */
function lateListenersNotes(type: string, event: string, now: HandlersNow | undefined): string[] {
  const count = listenersNow(now, event);
  if (count === 0) return [];
  const note = `${thereAre(count, event)}: added after this message came, so ${count === 1 ? "it" : "they"} missed it.`;
  return type === "bot-ready"
    ? [note, "connect() resolves on bot-ready, so a listener added after awaiting it comes too late for botReady."]
    : [note];
}

/** For a message the hook watched the client handle: what ran, by the events it emitted and their listeners then. */
function explainWatched(
  row: HandledRow,
  emitted: readonly EmittedEvent[],
  version: TableVersion | undefined,
  now: HandlersNow | undefined,
): Explanation {
  const ranListeners = emitted.filter((entry) => entry.listeners > 0).map((e) => listenersText(e.listeners, e.event));
  const notes: string[] = version?.caveat === undefined ? [] : [version.caveat];
  if (version === undefined) {
    const summary =
      ranListeners.length > 0
        ? `Ran: ${ranListeners.join("; ")}`
        : "Nothing ran: the client emitted no event with a listener for it";
    return { summary, notes };
  }
  const { label } = version;
  const handling = inboundHandling(row.type, version.minor);
  if (handling === undefined) {
    return { summary: ranListeners.length > 0 ? `Ran: ${ranListeners.join("; ")}` : dropped(label, row.type), notes };
  }
  if (!emits(handling)) {
    return ranListeners.length > 0
      ? { summary: `Ran: ${ranListeners.join("; ")}`, notes }
      : instead(label, row.type, handling, now, notes);
  }
  notes.push(...alsoNotes(label, handling));
  const { callback, event } = handling;
  const reached = emitted.some((entry) => entry.event === event);
  if (!reached) {
    const first = handling.wrapped ? `your ${callback}` : `the ${callback} callback`;
    notes.push(
      `Its handling stopped before the event: most likely ${first}, which ${label} calls first, threw (the page's console shows the error).`,
    );
  }
  const passed = !handling.wrapped && now !== undefined && now.callbacks.includes(callback);
  const ran = passed && reached ? [`${callback} callback`, ...ranListeners] : ranListeners;
  if (ran.length > 0)
    return { summary: `Ran: ${ran.join("; ")}`, notes: [...notes, ...callbackNotes(label, handling, now)] };
  if (!reached) return { summary: `Nothing emitted: ${label} did not emit ${event} for it`, notes };
  notes.push(...callbackNotes(label, handling, now), ...lateListenersNotes(row.type, event, now));
  const summary =
    !handling.wrapped && now !== undefined
      ? `Nothing ran: no listener for ${event} and no ${callback} callback`
      : `No listener for ${event}`;
  return { summary, notes };
}

/** For a message the hook could not watch the client handle: what the table says runs. */
function explainUnwatched(
  row: HandledRow,
  version: TableVersion | undefined,
  now: HandlersNow | undefined,
): Explanation {
  const notes = ["The hook could not watch what this client emitted while it handled the message."];
  if (version === undefined) return { summary: "Not known: not watched", notes };
  if (version.caveat !== undefined) notes.unshift(version.caveat);
  const { label } = version;
  const handling = inboundHandling(row.type, version.minor);
  if (handling === undefined) return { summary: dropped(label, row.type), notes };
  if (!emits(handling)) return instead(label, row.type, handling, now, notes);
  const { callback, event } = handling;
  notes.push(...alsoNotes(label, handling), ...callbackNotes(label, handling, now));
  if (now !== undefined) {
    if (!handling.wrapped)
      notes.push(now.callbacks.includes(callback) ? `You passed ${callback}.` : `You passed no ${callback}.`);
    notes.push(`${thereAre(listenersNow(now, event), event)}.`);
  }
  return { summary: `Not watched: ${label} calls ${callback} and emits ${event} for ${row.type}`, notes };
}

/**
 * Which of the app's handlers ran for an inbound message, or why none did; undefined for an
 * outbound one (handlers run for what the client receives).
 */
export function explainHandling(
  row: HandledRow,
  client: { clientVersion?: string; foundBy?: string } | undefined,
  now: HandlersNow | undefined,
): Explanation | undefined {
  if (row.dir !== "in") return undefined;
  if (row.undelivered !== undefined) {
    return { summary: "Not handled by the client: seen on the wire only", notes: [row.undelivered] };
  }
  if (row.level === "wire") {
    if (client?.foundBy === "wire") {
      return {
        summary: "Not known: seen on the wire only",
        notes: [
          "The hook came after this client was made (the page was open before the extension was installed or updated), so it sees the client's traffic, not what the client does with it: reload the page to see its handlers.",
        ],
      };
    }
    return { summary: "Not handled by the client: seen on the wire only", notes: [] };
  }
  if (row.level === "event") {
    return {
      summary: `An event the client emitted: ${row.type}`,
      notes: now === undefined ? [] : [`${thereAre(listenersNow(now, row.type), row.type)}.`],
    };
  }
  const table = tableVersion(client?.clientVersion);
  const version = isUndescribed(table) ? undefined : table;
  const explanation =
    row.emitted === undefined ? explainUnwatched(row, version, now) : explainWatched(row, row.emitted, version, now);
  if (isUndescribed(table)) explanation.notes.unshift(table.unsupported);
  return explanation;
}

/** A name the app registered, with what is wrong with it, if anything. */
export interface NamedHandler {
  name: string;
  count?: number;
  note?: string;
}

export interface RegisteredHandlers {
  /** The release the notes read, or why none is. */
  label: string;
  caveat?: string;
  /** The app's own callbacks: the names client-js's wrappers hold left out. */
  callbacks: NamedHandler[];
  /** The names client-js's own wrappers hold, passed by the app or not. */
  wrapped: string[];
  listeners: NamedHandler[];
}

/** What the app registered on its client, with the names its client-js never calls or emits. */
export function describeRegistered(now: HandlersNow, clientVersion: string | undefined): RegisteredHandlers {
  const table = tableVersion(clientVersion);
  if (isUndescribed(table)) {
    return {
      label: "client-js",
      caveat: table.unsupported,
      callbacks: now.callbacks.map((name) => ({ name })),
      wrapped: [],
      listeners: now.listeners.map(({ event, count }) => ({ name: event, count })),
    };
  }
  const wrappers = wrappedCallbacks(table.minor);
  const called = calledCallbacks(table.minor);
  const emits = emittedEvents(table.minor);
  const newest = `client-js 1.${NEWEST_CHECKED_MINOR}`;
  return {
    label: table.label,
    caveat: table.caveat,
    callbacks: now.callbacks
      .filter((name) => !wrappers.has(name))
      .map((name) =>
        called.has(name)
          ? { name }
          : {
              name,
              note: `${table.label} never calls ${name} (a transport may call callbacks of its own): check its spelling.`,
            },
      ),
    wrapped: now.callbacks.filter((name) => wrappers.has(name)),
    listeners: now.listeners.map(({ event, count }) => {
      if (emits.has(event)) return { name: event, count };
      const note =
        event === "serverResponse"
          ? `${table.label} never emits serverResponse: a server-response answers the app's sendClientRequest promise instead of an event.`
          : emittedEvents(NEWEST_CHECKED_MINOR).has(event)
            ? `${table.label} never emits ${event} (${newest} does).`
            : `${table.label} never emits ${event}: check its spelling.`;
      return { name: event, count, note };
    }),
  };
}
