// Runs in the panel. The "Latency summary" region: turns, p50 / p95 / worst voice-to-voice
// latency (each a button that selects its turn's rows), the worst turn's biggest reported
// contributor, interruptions, connect → bot-ready, token and TTS character totals, and the
// pipeline's services. It says which latency definition the figures use (./latencyWords.ts).
import { formatMs } from "./format";
import { LATENCY_FROM } from "./latencyWords";
import type { Summary } from "./summary";
import type { SelectRows } from "./TurnsTable";
import type { LatencyFrom, Turn } from "./types";

function Figure({ label, turn, onSelect }: { label: string; turn?: Turn; onSelect: SelectRows }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>
        {turn?.latency ? (
          <button type="button" class="link" onClick={() => onSelect(turn.seqs)} title={`Turn ${turn.number}`}>
            {formatMs(turn.latency.ms)}
          </button>
        ) : (
          "–"
        )}
      </dd>
    </div>
  );
}

export function LatencySummary({ summary, onSelect }: { summary: Summary; onSelect: SelectRows }) {
  const definitions = (Object.entries(summary.definitions) as [LatencyFrom, number][]).map(
    ([from, count]) => `${count} ${LATENCY_FROM[from].long}`,
  );
  const contributor = summary.worstContributor;
  return (
    <section aria-label="Latency summary" class="latency-summary">
      <dl class="figures">
        <div class="figure">
          <dt>Turns</dt>
          <dd>{summary.turns}</dd>
        </div>
        <Figure label="p50" turn={summary.p50} onSelect={onSelect} />
        <Figure label="p95" turn={summary.p95} onSelect={onSelect} />
        <Figure label="Worst" turn={summary.worst} onSelect={onSelect} />
        <div class="figure">
          <dt>Interruptions</dt>
          <dd>{summary.interruptions}</dd>
        </div>
        <div class="figure">
          <dt>Connect → bot-ready</dt>
          <dd>
            {summary.connectToReady ? (
              <button type="button" class="link" onClick={() => onSelect([summary.connectToReady!.end.seq])}>
                {formatMs(summary.connectToReady.ms)}
              </button>
            ) : (
              "–"
            )}
          </dd>
        </div>
        <div class="figure">
          <dt>Tokens</dt>
          <dd>
            {summary.tokens.total} ({summary.tokens.prompt} prompt, {summary.tokens.completion} completion)
          </dd>
        </div>
        <div class="figure">
          <dt>TTS characters</dt>
          <dd>{summary.ttsCharacters}</dd>
        </div>
      </dl>
      <p class="note">
        Voice-to-voice latency on the hook's clock, over {summary.measured} of {summary.turns} turns
        {definitions.length > 0 ? `: ${definitions.join("; ")}.` : "."}
        {summary.worst && contributor && (
          <>
            {" "}
            Worst (turn {summary.worst.number}): biggest reported contributor {contributor.service} (
            {contributor.processor}) time to first byte {formatMs(contributor.ms)}.
          </>
        )}
        {summary.connectToReady && ` Connect measured from the client's ${summary.connectToReady.from}.`}
      </p>
      {summary.services.length > 0 && <p class="note">Pipeline services: {summary.services.join(", ")}</p>}
    </section>
  );
}
