// Shared by every context (page hook, relay, background, panel): the names by which they find
// each other. Plain constants only: the page hook imports this file, and its bundle must not
// pull in the validators (valibot) that src/shared/protocol/index.ts brings.

export const RTVI_LABEL = "rtvi-ai";

/** Marks the one window message that hands the relay its private MessagePort. */
export const HOOK_HANDSHAKE = "pipecat-devtools:hook-port";

/**
 * The window event (a MouseEvent whose relatedTarget is a detached Text node) by which the
 * hook hands the relay the node it fires its batches on, once the relay said it listens.
 * Both worlds share the DOM and one JavaScript heap: a string set as the node's data is read
 * by the other world without a copy, where a MessagePort post serializes it twice (measured in
 * docs/measured-facts.md). The node is never in the document: only its holders see it.
 */
export const HOOK_NODE_EVENT = "pipecat-devtools:hook-node";
/** Fired on the batch node, a UIEvent whose `detail` is the count: the node's data is the batch's `events` (HookToRelay). */
export const BATCH_EVENT = "pipecat-devtools:batch";
/** The same for a batch HookToRelay marks `keep`. */
export const KEEP_BATCH_EVENT = "pipecat-devtools:keep-batch";

/**
 * The registered symbol under which the hook offers the panel's controls (src/controls/) a place
 * to attach: a function the hook defines at document_start, before the page's scripts run.
 */
export const CONTROLS_KEY = "pipecat.devtools.controls";

export const PAGE_PORT_NAME = "pipecat-devtools:page";
export const PANEL_PORT_NAME = "pipecat-devtools:panel";

/** How long a message a rule paused waits for Continue or Drop unless the rule says otherwise. */
export const DEFAULT_BREAK_TIMEOUT_MS = 30_000;

/** A rule's Match data written as `/body/flags` is a regular expression; anything else is plain text. */
export const RULE_REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;
