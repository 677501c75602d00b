// Runs in the panel. The messages Break rules hold in the page, shown above every view while any
// is held: each to continue, edited or not, or to drop.
import type { RtviMessage } from "../../src/shared/protocol";
import type { PausedEntry } from "./pausedEntry";
import { PausedMessage } from "./PausedMessage";
import "./rules.css";

export interface PausedMessagesProps {
  entries: readonly PausedEntry[];
  onContinue: (entry: PausedEntry, msg: RtviMessage) => Promise<void>;
  onDrop: (entry: PausedEntry) => Promise<void>;
}

export function PausedMessages({ entries, onContinue, onDrop }: PausedMessagesProps) {
  if (entries.length === 0) return null;
  return (
    <section class="paused" aria-label="Paused messages">
      <h2 class="paused-title">Paused messages ({entries.length})</h2>
      <ul class="paused-list">
        {entries.map((entry) => (
          <PausedMessage
            key={`${entry.frameId}-${entry.messageId}`}
            entry={entry}
            onContinue={onContinue}
            onDrop={onDrop}
          />
        ))}
      </ul>
    </section>
  );
}
