// Runs in the panel, in the Connection view: the selected client's handlers, live. The app's
// callbacks (the names client-js's own wrappers hold shown apart: whether the app passed those is
// not visible) and its listeners with their counts, each name its client-js never calls or emits
// marked (./explain.ts). Asked of the page when shown and every second while the client is
// connected (./useHandlers.ts); a failed call says why.
import type { ClientView } from "../model/store";
import { formatClockTime } from "../log/rowText";
import { describeRegistered } from "./explain";
import { useHandlers } from "./useHandlers";
import "./handlers.css";

export function HandlersSection({ client }: { client: ClientView }) {
  const handlers = useHandlers(client, true);
  const { now, at, error, unavailable, following } = handlers;
  const registered = now === undefined ? undefined : describeRegistered(now, client.clientVersion);
  return (
    <section class="handlers" aria-label="Handlers">
      <h3>Handlers</h3>
      {unavailable !== undefined && <p>{unavailable}</p>}
      {error !== undefined && (
        <p class="field-error" role="status">
          Could not ask the page: {error}
        </p>
      )}
      {unavailable === undefined && now === undefined && error === undefined && <p>Asking the page…</p>}
      {registered !== undefined && at !== undefined && (
        <>
          <p class="hint">
            {following
              ? `Live: asked every second (last answer ${formatClockTime(at)}).`
              : `As of ${formatClockTime(at)}: asked every second only while the client is connected.`}
          </p>
          {registered.caveat !== undefined && <p class="hint">{registered.caveat}</p>}
          <h4>Callbacks</h4>
          {registered.callbacks.length === 0 ? (
            <p>No callback of your own besides those client-js wraps.</p>
          ) : (
            <ul class="handler-list" aria-label="Callbacks">
              {registered.callbacks.map(({ name, note }) => (
                <li key={name}>
                  <code>{name}</code>
                  {note !== undefined && <span class="handler-note"> {note}</span>}
                </li>
              ))}
            </ul>
          )}
          {registered.wrapped.length > 0 && (
            <details class="handler-wrapped">
              <summary>
                {registered.wrapped.length} names client-js wraps: {registered.label} calls yours if you passed one; it
                wraps them, so whether you did is not visible here.
              </summary>
              <ul class="handler-list" aria-label="Wrapped callbacks">
                {registered.wrapped.map((name) => (
                  <li key={name}>
                    <code>{name}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <h4>Listeners</h4>
          {registered.listeners.length === 0 ? (
            <p>No listener registered (client.on, or useRTVIClientEvent in React).</p>
          ) : (
            <table class="handler-listeners" aria-label="Listeners">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Listeners</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {registered.listeners.map(({ name, count, note }) => (
                  <tr key={name}>
                    <th scope="row">
                      <code>{name}</code>
                    </th>
                    <td>{count}</td>
                    <td>{note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
