// Runs in the relay, the background and the panel: the declaration of an RTVI message, as the
// hook captures it from a client or the wire and as the panel sends one back to the page.
import * as v from "valibot";
import { shortText } from "./fields";
import { jsonProblem } from "./json";
import { PAGE_LIMITS } from "./limits";

/**
 * The hook cuts a message whose JSON is longer than PAGE_LIMITS.messageChars to fit it (src/hook,
 * test/controls/commands.test.ts), and its data to PAGE_LIMITS.depth levels: the message object is
 * one level above its data.
 */
const MESSAGE_BOUNDS = { depth: PAGE_LIMITS.depth + 1, chars: PAGE_LIMITS.messageChars };

/**
 * An RTVI message as seen on the wire: `{label, type, id, data}`, data being any JSON. Loose, not
 * strict: a bot or a newer client may add top-level keys, and the panel shows what was said
 * rather than hide it; the keys are only ever rendered as text. An own `__proto__` key (which
 * JSON.parse makes) is rejected all the same.
 */
export const rtviMessageSchema = v.pipe(
  v.unknown(),
  // Before the object schema, which would drop the key from its output without a word.
  v.check(
    (input) => !(typeof input === "object" && input !== null && Object.hasOwn(input, "__proto__")),
    "unexpected key __proto__",
  ),
  v.looseObject({
    label: v.optional(shortText),
    type: shortText,
    // The page's own id (client-js makes them, the bot echoes them): not one of ours, may be empty.
    id: v.optional(
      v.pipe(v.string(), v.maxLength(PAGE_LIMITS.idChars, `longer than ${PAGE_LIMITS.idChars} characters`)),
    ),
    data: v.optional(v.unknown()),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = jsonProblem(dataset.value, MESSAGE_BOUNDS);
    if (problem) addIssue({ message: problem });
  }),
);

export type RtviMessage = v.InferOutput<typeof rtviMessageSchema>;
