// Runs in the relay, the background and the panel (never in the page hook, whose bundle must
// not carry valibot): the field schemas the boundary's declarations are built of, each bounded
// by PAGE_LIMITS (./limits.ts), which the hook also follows when it makes an event.
import * as v from "valibot";
import { jsonProblem } from "./json";
import { PAGE_LIMITS } from "./limits";

const maxChars = (limit: number) => v.maxLength<string, number, string>(limit, `longer than ${limit} characters`);

/** A client, request, command or relay id. */
export const id = v.pipe(v.string(), v.minLength(1, "empty"), maxChars(PAGE_LIMITS.idChars));
/** A type, a version, a state, a place in the hook. */
export const shortText = v.pipe(v.string(), maxChars(PAGE_LIMITS.shortTextChars));
/** A URL, an endpoint, an error message. */
export const text = v.pipe(v.string(), maxChars(PAGE_LIMITS.textChars));

export const finite = v.pipe(v.number(), v.finite("not a finite number"));
/** A timestamp (ms since the epoch, with a fraction). */
export const time = finite;
/** A sequence number, an id number or a count. */
export const count = v.pipe(v.number(), v.safeInteger("not a safe integer"), v.minValue(0, "negative"));

/**
 * Any JSON the page chose (a start response, a command's value): JSON types only, nested and
 * sized as a message may be (the hook cuts or replaces what is not).
 */
export const json = v.pipe(
  v.unknown(),
  v.rawCheck<unknown>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = jsonProblem(dataset.value, { depth: PAGE_LIMITS.depth, chars: PAGE_LIMITS.messageChars });
    if (problem) addIssue({ message: problem });
  }),
);
