// Runs in the panel, in the selected message's detail. For an inbound message: which of the app's
// handlers ran, or why none did (./explain.ts), under a section named "Handlers". The app's
// callbacks and listeners are asked of the page once for each message shown (./useHandlers.ts);
// without them the explanation says what it cannot tell.
import type { ClientView } from "../model/store";
import { explainHandling, type HandledRow } from "./explain";
import { useHandlers } from "./useHandlers";
import "./handlers.css";

export function HandlerExplanation({ row, client }: { row: HandledRow; client: ClientView | undefined }) {
  // Only a message the client itself took in is worth asking about.
  const asks = row.dir === "in" && row.level !== "wire" && row.undelivered === undefined;
  // Asked again for each message shown: listeners come and go, and the explanation compares them with those it had then.
  const handlers = useHandlers(asks ? client : undefined, false, row);
  const explanation = explainHandling(row, client, handlers.now);
  if (explanation === undefined) return null;
  const unknown = asks && handlers.now === undefined ? (handlers.error ?? handlers.unavailable) : undefined;
  return (
    <section class="handler-explanation" aria-label="Handlers">
      <h4>Handlers</h4>
      <p class="handler-summary">{explanation.summary}</p>
      {explanation.notes.length > 0 && (
        <ul class="handler-notes">
          {explanation.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {unknown !== undefined && <p class="hint">The app's callbacks and listeners are not known here. {unknown}</p>}
    </section>
  );
}
