// Page hook (MAIN world): reports a client's connection-time call (startBot, and
// startBotAndConnect through it): endpoint and method, requestData, headers, response or error,
// timing. The values are the page's, sent as the app passed them (cut to the validators' bounds);
// the panel masks secrets on display.
import { MAX_HEADERS } from "../shared/protocol/limits";
import { emit, reportError, timestamp } from "./outbox";
import type { HookedClient } from "./registry";
import { wrapOwnMethod } from "./ownMethod";
import { describeError, longText, shortText } from "./bounds";
import { RequestAtLoad, apply, entries, isArray, isInstance, promiseResolve, promiseThen, toText } from "./builtins";

/** At most MAX_HEADERS pairs: a Headers object, or a plain object of them. */
function headerEntries(headers: unknown): [string, string][] {
  if (!headers) return [];
  const found: [string, string][] = [];
  const add = (name: unknown, value: unknown) => {
    if (found.length < MAX_HEADERS) found[found.length] = [shortText(toText(name)), longText(toText(value))];
  };
  const forEach = (headers as { forEach?: unknown }).forEach;
  if (typeof forEach === "function" && !isArray(headers)) {
    // The page's own Headers (or what passes for one): what it yields is the page's data either way.
    apply(forEach, headers, [(value: unknown, name: unknown) => add(name, value)]);
    return found;
  }
  const pairs = entries(headers as Record<string, unknown>);
  for (let i = 0; i < pairs.length; i++) add(pairs[i][0], pairs[i][1]);
  return found;
}

/** startBot's endpoint: a URL, or a Request whose method the panel shows apart. */
function endpointOf(endpoint: unknown): { endpoint: string; method?: string } {
  if (isInstance(endpoint, RequestAtLoad)) {
    const request = endpoint as Request;
    return { endpoint: longText(toText(request.url)), method: shortText(toText(request.method)) };
  }
  return { endpoint: longText(toText(endpoint)) };
}

/**
 * startBotAndConnect looks startBot up on the instance at call time, so one own wrapper sees
 * both. The app gets back the very promise startBot returned.
 */
export function watchStartBot(record: HookedClient): void {
  wrapOwnMethod(
    record.client!,
    "startBot",
    (startBot) =>
      function (this: unknown, params: { endpoint?: unknown; requestData?: unknown; headers?: unknown }) {
        const started = timestamp();
        const result = apply(startBot, this, arguments);
        try {
          const { endpoint, method } = endpointOf(params?.endpoint);
          const requestData = params?.requestData;
          const headers = headerEntries(params?.headers);
          const report = (outcome: { response?: unknown; error?: string }) =>
            emit({
              kind: "connection",
              t: started,
              clientId: record.clientId,
              endpoint,
              method,
              requestData,
              headers,
              durationMs: timestamp() - started,
              response: outcome.response,
              error: outcome.error,
            });
          promiseThen(
            promiseResolve(result),
            (response) => report({ response }),
            (error) => report({ error: describeError(error) }),
          );
        } catch (error) {
          reportError("startBot capture", error);
        }
        return result;
      },
  );
}
