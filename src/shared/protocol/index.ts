// Every message that crosses a boundary between the extension's contexts, declared once each:
//
//   hook (page, MAIN world) ⇄ MessagePort (commands) and a shared DOM node (batches)
//     ⇄ relay (content, ISOLATED) ⇄ runtime Port ⇄ background ⇄ runtime Port ⇄ panel
//
// PageToPanel (./pageToPanel.ts) and PanelToPage (./panelToPage.ts) are what the hook and the
// panel say to each other; ./hops.ts holds the envelopes each hop between page and background
// wraps them in; ./panelBackground.ts what the panel and the background say on the panel's
// Port. Anything that arrives from the page is untrusted: the validators (./pageEvents.ts) are
// the only way in. The page hook imports types from here and values from ./constants.ts and
// ./limits.ts only, so its bundle carries no validator.

export * from "./constants";
export * from "./limits";
export * from "./rtviMessage";
export * from "./pageToPanel";
export * from "./pageEvents";
export * from "./panelToPage";
export * from "./hops";
export * from "./panelBackground";
export * from "./rules";
