/**
 * Whether a change to package.json `scripts` can alter what a test run does. Only one kind is
 * provably harmless: scripts added under a new name that nothing runs. npm runs `preX`/`postX`
 * around `X`, `npm test`/`start` by name, and lifecycle scripts on install by themselves, and another script may call the new
 * one by name or through a wildcard (`run-p "lint:*"`); any of those, and every edit or removal,
 * counts as a change.
 */
const LIFECYCLE =
  /^(?:pre|post)|^(?:test|start|stop|restart|install|prepare|prepublish|prepublishOnly|prepack|dependencies)$/;

function scriptsOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, script] of Object.entries(value)) {
    if (typeof script !== "string") return undefined;
    out[name] = script;
  }
  return out;
}

function calledByOthers(name: string, scripts: Record<string, string>): boolean {
  const group = name.split(":")[0]!;
  return Object.entries(scripts).some(
    ([other, text]) =>
      other !== name && (text.includes(name) || (text.includes("*") && text.includes(group))),
  );
}

export function scriptsChangeIsInert(baseValue: unknown, headValue: unknown): boolean {
  const base = scriptsOf(baseValue);
  const head = scriptsOf(headValue);
  if (!base || !head) return false;
  for (const name of new Set([...Object.keys(base), ...Object.keys(head)])) {
    if (base[name] === head[name]) continue;
    // Edited or removed: whatever ran it now does something else.
    if (name in base) return false;
    if (LIFECYCLE.test(name) || calledByOthers(name, head)) return false;
  }
  return true;
}
