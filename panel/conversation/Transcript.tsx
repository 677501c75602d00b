// Runs in the panel. The "Transcript" region: each user and bot utterance once, in order; an
// interrupted bot utterance is marked, and the unspoken rest of its sentence is marked as not
// spoken (struck through, and said in words for screen readers). Clicking an utterance
// selects its turn's rows in Messages.
import { memo } from "preact/compat";
import { botPieces, userText } from "./botSpeech";
import type { SelectRows } from "./TurnsTable";
import type { Turn } from "./types";

const TurnLines = memo(
  ({ turn, onSelect }: { turn: Turn; version: number; onSelect: SelectRows }) => {
    const user = userText(turn);
    const pieces = botPieces(turn);
    return (
      <>
        {user.text && (
          <li class="utterance user">
            <button type="button" class="utterance-button" onClick={() => onSelect(turn.seqs)}>
              <span class="who">{turn.kind === "text" ? "User (typed):" : "User:"}</span> {user.text}
              {user.interim && <span class="muted"> (interim)</span>}
            </button>
          </li>
        )}
        {pieces.length > 0 && (
          <li class={`utterance bot${turn.interruption ? " interrupted" : ""}`}>
            <button type="button" class="utterance-button" onClick={() => onSelect(turn.seqs)}>
              <span class="who">Bot:</span>{" "}
              {pieces.map((piece, index) =>
                piece.state === "cut-off" ? (
                  <s key={index} class="not-spoken" title="not spoken">
                    <span class="visually-hidden">not spoken: </span>
                    {piece.text}
                  </s>
                ) : (
                  <span key={index} class={`piece ${piece.state}`}>
                    {piece.text}{" "}
                  </span>
                ),
              )}
              {turn.interruption && <span class="tag">interrupted</span>}
            </button>
          </li>
        )}
      </>
    );
  },
  (before, after) =>
    before.turn === after.turn && before.version === after.version && before.onSelect === after.onSelect,
);

export function Transcript({ turns, onSelect }: { turns: readonly Turn[]; onSelect: SelectRows }) {
  return (
    <section aria-label="Transcript" class="transcript">
      <h3>Transcript</h3>
      <ol class="utterances">
        {turns.map((turn) => (
          <TurnLines key={turn.number} turn={turn} version={turn.version} onSelect={onSelect} />
        ))}
      </ol>
    </section>
  );
}
