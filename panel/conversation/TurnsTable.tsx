// Runs in the panel. The "Turns" table: one row per turn with what the user and the bot said,
// the voice-to-voice latency (and which definition it uses), the interruption, function calls
// and each service's time to first byte. A turn's button selects its rows in Messages.
// Rows are memoized on the turn's version, so a live session renders only the turns that changed.
import { memo } from "preact/compat";
import { botPieces, userText } from "./botSpeech";
import { formatClock, formatMs } from "./format";
import { LATENCY_FROM, noLatencyReason } from "./latencyWords";
import type { Turn } from "./types";
import { ColumnHeads } from "./ColumnHeads";

export type SelectRows = (seqs: readonly number[]) => void;

interface TurnRowProps {
  turn: Turn;
  version: number;
  onSelect: SelectRows;
}

function BotSaid({ turn }: { turn: Turn }) {
  const pieces = botPieces(turn);
  if (pieces.length === 0)
    return <span class="muted">{turn.botSpeech.length === 0 ? "(bot never spoke)" : "(no text)"}</span>;
  return (
    <>
      {pieces.map((piece, index) => (
        <span key={index} class={`piece ${piece.state}`}>
          {piece.state === "cut-off" && <span class="visually-hidden">not spoken: </span>}
          {piece.text}{" "}
        </span>
      ))}
    </>
  );
}

function Interrupted({ turn }: { turn: Turn }) {
  if (turn.interruption) {
    const { yieldMs, by } = turn.interruption;
    const cause = by === "send-text" ? "by text" : by === "server" ? "by server" : "by user";
    return (
      <span class="interrupted">
        Interrupted {cause}
        {yieldMs !== undefined ? `, yielded in ${formatMs(yieldMs)}` : ", still speaking"}
      </span>
    );
  }
  if (turn.preempted) return <span>Before speaking</span>;
  return <span class="muted">No</span>;
}

const TurnRow = memo(
  ({ turn, onSelect }: TurnRowProps) => {
    const user = userText(turn);
    return (
      <tr onClick={() => onSelect(turn.seqs)} class={turn.interruption ? "turn interrupted-turn" : "turn"}>
        <td>
          <button
            type="button"
            class="link"
            aria-label={`Turn ${turn.number}: select its messages`}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(turn.seqs);
            }}
          >
            {turn.number}
          </button>
        </td>
        <td>{formatClock(turn.start)}</td>
        <td class="said">
          <div class="user-said">
            <span class="who">{turn.kind === "text" ? "Typed" : "User"}</span>{" "}
            {user.text || <span class="muted">{turn.kind === "bot" ? "(no user turn)" : "(no transcription)"}</span>}
            {user.interim && <span class="muted"> (interim)</span>}
          </div>
          <div class="bot-said">
            <span class="who">Bot</span> <BotSaid turn={turn} />
          </div>
        </td>
        <td class="number">
          {turn.latency ? (
            <span title={LATENCY_FROM[turn.latency.from].long}>
              {formatMs(turn.latency.ms)} <span class="muted">({LATENCY_FROM[turn.latency.from].short})</span>
            </span>
          ) : (
            <span class="muted">{noLatencyReason(turn)}</span>
          )}
        </td>
        <td>
          <Interrupted turn={turn} />
        </td>
        <td>{turn.calls.map((call) => call.name ?? `call ${call.number}`).join(", ")}</td>
        <td>
          {turn.ttfb.map((report) => (
            <div key={report.seq} title={report.processor}>
              {report.service === "other" ? report.processor : report.service} {formatMs(report.ms)}
            </div>
          ))}
        </td>
      </tr>
    );
  },
  (before, after) =>
    before.turn === after.turn && before.version === after.version && before.onSelect === after.onSelect,
);

export function TurnsTable({
  turns,
  dropped,
  onSelect,
}: {
  turns: readonly Turn[];
  dropped: number;
  onSelect: SelectRows;
}) {
  return (
    <div class="table-scroll">
      <table aria-label="Turns" class="conversation-table turns">
        <ColumnHeads names={["#", "When", "Said", "Latency", "Interrupted", "Calls", "TTFB"]} />
        <tbody>
          {turns.map((turn) => (
            <TurnRow key={turn.number} turn={turn} version={turn.version} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
      {turns.length === 0 && <p class="muted">No turns yet: a turn begins when the user speaks or sends text.</p>}
      {dropped > 0 && <p class="muted">{dropped} earlier turns went with the log's oldest messages.</p>}
    </div>
  );
}
