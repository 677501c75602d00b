// Shown while the inspected page has no client the hook found: what the hook looks for, a
// reload, and how an app can register its client itself (the README's snippet).
import { useState } from "preact/hooks";
import { copyText } from "./detail/clipboard";

export interface EmptyStateProps {
  hookPresence: "absent" | "late" | "full";
  onReload: () => void;
}

/** The README's "Letting an app register its client" snippet, word for word. */
export const REGISTER_SNIPPET = `const devtools = ((globalThis as any)[Symbol.for("pipecat.devtools")] ??= []);
devtools.push(client);`;

function PresenceNote({ hookPresence }: { hookPresence: EmptyStateProps["hookPresence"] }) {
  switch (hookPresence) {
    case "absent":
      return (
        <p class="empty-note" role="note">
          The hook is not running in this page. By default it runs only on <code>localhost</code>,{" "}
          <code>127.0.0.1</code> and <code>[::1]</code>; for another site, choose "Hook this site" in the bar above (it
          asks for access to that one site and reloads the page). If the page has not finished loading yet, wait for it
          or reload it.
        </p>
      );
    case "late":
      return (
        <p class="empty-note" role="note">
          The hook arrived after this page had started (the extension was installed or updated while the tab was open).
          A client built before then is seen only through its WebSocket or data channel, once it sends something; reload
          the page to find it from the start.
        </p>
      );
    case "full":
      return (
        <p class="empty-note" role="note">
          The hook has been in this page since it started, and no client has been built yet: the log fills as soon as
          the app creates one.
        </p>
      );
  }
}

export function EmptyState({ hookPresence, onReload }: EmptyStateProps) {
  const [copied, setCopied] = useState("");
  return (
    <section class="empty-state" aria-labelledby="empty-state-title">
      <h2 id="empty-state-title">No Pipecat client found yet</h2>
      <p>
        The hook looks for a <code>PipecatClient</code> built by <code>@pipecat-ai/client-js</code> 1.x (or an{" "}
        <code>RTVIClient</code> from 0.4). It finds the client when it is constructed, in any frame of the page and over
        any transport (WebSocket, SmallWebRTC, Daily…), also in minified bundles with no globals.
      </p>
      <PresenceNote hookPresence={hookPresence} />
      <p>
        <button type="button" onClick={onReload}>
          Reload page
        </button>
      </p>
      <h3>Letting an app register its client</h3>
      <p>
        An app that wants to be explicit (or that creates its client before the extension was installed) can push its
        client to a well-known array; it works whether the hook loads before or after:
      </p>
      <pre class="empty-snippet">
        <code>{REGISTER_SNIPPET}</code>
      </pre>
      <p>
        <button
          type="button"
          onClick={() => void copyText(REGISTER_SNIPPET).then((done) => setCopied(done ? "Copied" : "Could not copy"))}
        >
          Copy snippet
        </button>{" "}
        <span class="copy-note" aria-live="polite">
          {copied}
        </span>
      </p>
    </section>
  );
}
