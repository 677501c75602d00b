// Inbound test messages, as JSON text the way a transport receives them. Used by the bench
// pages and by the burst bot, so both sides agree on what a "1 KB message" is.
import { RTVI_MESSAGE_LABEL, RTVIMessageType } from "@pipecat-ai/client-js";

const FILLER = " lorem ipsum dolor sit amet";

/**
 * A bot-llm-text message whose JSON is exactly `bytes` long (ASCII only, so also `bytes`
 * UTF-8 bytes). `index` makes each one distinct, as a stream of real messages is.
 */
export function botLlmTextJson(index: number, bytes: number): string {
  const id = (index >>> 0).toString(16).padStart(8, "0");
  const envelope = (text: string) =>
    JSON.stringify({ label: RTVI_MESSAGE_LABEL, type: RTVIMessageType.BOT_LLM_TEXT, id, data: { text } });
  const textLength = bytes - envelope("").length;
  if (textLength < 1) throw new Error(`A bot-llm-text message cannot be as small as ${bytes} bytes`);
  return envelope(`t${index}`.padEnd(textLength, FILLER).slice(0, textLength));
}
