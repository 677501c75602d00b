// Panel controls (page's MAIN world): the controls made from the hook's kit, once the hook and
// the controls are known to be of one version.
import { version } from "../../manifest.json";
import type { Controls, ControlsKit } from "../hook/controlsKit";
import { createCommandRunner } from "./commands";
import { createRules } from "./rules";

export function createControls(kit: ControlsKit): Controls {
  // An extension updated under an open page keeps the page's old hook (src/hook/hook.ts).
  if (kit.version !== version) {
    throw new Error(`The page's hook is version ${kit.version}, the extension's ${version}: reload the page`);
  }
  const rules = createRules(kit);
  return {
    runCommand: createCommandRunner(kit, rules),
    setRules: rules.setRules,
    panelClosed: rules.panelClosed,
    ruleFor: rules.ruleFor,
    act: rules.act,
  };
}
