import { watch, type FSWatcher } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import type { DevProject } from "./project.js";

/** What changed, as `archkit dev` acts on it. */
export type Change =
  | { readonly kind: "spec" }
  | { readonly kind: "service"; readonly service: string; readonly file: string };

/**
 * Watches the spec and the hand-written code of every service (`services/<name>/src/**` except
 * `generated/`), batching bursts of events (editors write several times) into one call per
 * `debounceMs`. Returns the function that stops watching.
 */
export function watchProject(
  project: DevProject,
  onChanges: (changes: readonly Change[]) => void,
  debounceMs = 150,
): () => void {
  let pending = new Map<string, Change>();
  let timer: NodeJS.Timeout | undefined;
  const add = (change: Change) => {
    pending.set(change.kind === "spec" ? "spec" : change.service, change);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending.values()];
      pending = new Map();
      onChanges(batch);
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [
    watch(join(project.spec, ".."), (_event, name) => {
      if (name !== null && basename(name) === basename(project.spec)) add({ kind: "spec" });
    }),
    watch(join(project.dir, "services"), { recursive: true }, (_event, name) => {
      const change = name === null ? undefined : serviceChange(project, join(project.dir, "services", name));
      if (change) add(change);
    }),
  ];
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

function serviceChange(project: DevProject, file: string): Change | undefined {
  const parts = relative(join(project.dir, "services"), file).split(sep);
  const [service, src, next] = parts;
  if (!service || src !== "src" || next === undefined || next === "generated") return undefined;
  if (!/\.(ts|mts|js|mjs|json)$/.test(file)) return undefined;
  return { kind: "service", service, file };
}
