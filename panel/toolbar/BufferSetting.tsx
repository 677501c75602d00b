// How much of a tab's traffic the background keeps for panels opened later (a byte
// budget, configurable). Saved in extension storage; the background applies it at once.
import { useEffect, useState } from "preact/hooks";
import browser from "webextension-polyfill";
import {
  BUFFER_MEGABYTES_KEY,
  MAX_BUFFER_MEGABYTES,
  MIN_BUFFER_MEGABYTES,
  bufferMegabytesError,
  readBufferMegabytes,
} from "../../src/shared/settings";

export function BufferSetting() {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    readBufferMegabytes(browser.storage.local)
      .then((megabytes) => live && setText(String(megabytes)))
      .catch((failure) => live && setError(`Could not read the setting: ${String(failure)}`));
    return () => {
      live = false;
    };
  }, []);

  // The field's value as the change event has it, not the state of the last render: a change
  // right after an input event may come before that input's render.
  const save = async (value: string) => {
    setText(value);
    const megabytes = Number(value.trim());
    const invalid = value.trim() === "" ? "A whole number of MB" : bufferMegabytesError(megabytes);
    setError(invalid);
    if (invalid) return;
    try {
      await browser.storage.local.set({ [BUFFER_MEGABYTES_KEY]: megabytes });
    } catch (failure) {
      setError(`Could not save: ${String(failure)}`);
    }
  };

  return (
    <span
      class="toolbar-setting"
      title="What the extension keeps of a tab's traffic for panels opened later; the oldest goes first, and the panel says how much"
    >
      <label>
        Buffer MB
        <input
          type="number"
          inputMode="numeric"
          min={MIN_BUFFER_MEGABYTES}
          max={MAX_BUFFER_MEGABYTES}
          step={1}
          aria-label="Buffer per tab (MB)"
          aria-invalid={error !== undefined}
          aria-describedby={error ? "buffer-error" : undefined}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onChange={(e) => void save(e.currentTarget.value)}
        />
      </label>
      {error && (
        <span id="buffer-error" class="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
