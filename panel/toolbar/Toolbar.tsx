// Runs in the panel. The bar above the log: session controls (pause, clear, preserve log),
// the filter, the tab's buffer size, and export (secrets masked unless asked) / import of a session.
import type { Ref } from "preact";
import type { FilterSpec } from "../model/filter";
import type { TimeBase } from "../log/LogGrid";
import { BufferSetting } from "./BufferSetting";

interface ToolbarProps {
  live: boolean;
  paused: boolean;
  onPause: (paused: boolean) => void;
  onClear: () => void;
  preserveLog: boolean;
  onPreserveLog: (preserve: boolean) => void;
  filter: FilterSpec;
  onFilter: (filter: FilterSpec) => void;
  filterError: string | undefined;
  filterRef: Ref<HTMLInputElement>;
  timeBase: TimeBase;
  onTimeBase: (timeBase: TimeBase) => void;
  /** Export headers and tokens as they are instead of masked (panel/model/exportSecrets.ts). */
  includeSecrets: boolean;
  onIncludeSecrets: (include: boolean) => void;
  onExport: () => void;
  onImport: (file: File) => void;
}

export function Toolbar(props: ToolbarProps) {
  const { filter, onFilter } = props;
  return (
    <div class="toolbar" role="toolbar" aria-label="Log controls">
      {props.live && (
        <button type="button" aria-pressed={props.paused} onClick={() => props.onPause(!props.paused)}>
          {props.paused ? "Resume" : "Pause"}
        </button>
      )}
      <button type="button" onClick={props.onClear}>
        Clear
      </button>
      {props.live && (
        <label class="toolbar-check">
          <input
            type="checkbox"
            checked={props.preserveLog}
            onChange={(e) => props.onPreserveLog(e.currentTarget.checked)}
          />
          Preserve log
        </label>
      )}
      <span class="toolbar-filter">
        <input
          ref={props.filterRef}
          type="search"
          aria-label="Filter"
          aria-invalid={props.filterError !== undefined}
          aria-describedby={props.filterError ? "filter-error" : undefined}
          placeholder="Filter: text or /regex/  ( / )"
          value={filter.text}
          onInput={(e) => onFilter({ ...filter, text: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === "Escape") onFilter({ ...filter, text: "" });
          }}
        />
        {props.filterError && (
          <span id="filter-error" class="field-error" role="alert">
            {props.filterError}
          </span>
        )}
      </span>
      <button
        type="button"
        aria-pressed={filter.showIn}
        onClick={() => onFilter({ ...filter, showIn: !filter.showIn })}
      >
        ↓ In
      </button>
      <button
        type="button"
        aria-pressed={filter.showOut}
        onClick={() => onFilter({ ...filter, showOut: !filter.showOut })}
      >
        ↑ Out
      </button>
      <button
        type="button"
        aria-pressed={props.timeBase === "session"}
        title="Times relative to the session's start"
        onClick={() => props.onTimeBase(props.timeBase === "session" ? "clock" : "session")}
      >
        Relative time
      </button>
      <span class="toolbar-spacer" />
      {props.live && <BufferSetting />}
      <button type="button" onClick={props.onExport}>
        Export
      </button>
      <label class="toolbar-check" title="Export Authorization headers, cookies and tokens as they are, not masked">
        <input
          type="checkbox"
          checked={props.includeSecrets}
          onChange={(e) => props.onIncludeSecrets(e.currentTarget.checked)}
        />
        Include secrets
      </label>
      <label class="file-button">
        Import
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) props.onImport(file);
            e.currentTarget.value = "";
          }}
        />
      </label>
    </div>
  );
}
