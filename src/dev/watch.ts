import { type Dirent, type FSWatcher, readdirSync, watch } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { specFiles } from "../model/spec-files.js";
import type { DevProject } from "./project.js";

/** What changed, as `archkit dev` acts on it. */
export type Change =
  | { readonly kind: "spec" }
  | { readonly kind: "service"; readonly service: string; readonly file: string };

/**
 * Watches every file of the spec (the root and the files it includes) and the hand-written code
 * of every service (`services/<name>/src/**` except `generated/`), batching bursts of events
 * (editors write several times) into one call per `debounceMs`. Returns the function that stops watching.
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
  const stopSpec = watchSpec(project.spec, () => add({ kind: "spec" }));
  const stopServices = watchTree(join(project.dir, "services"), (file) => {
    const change = serviceChange(project, file);
    if (change) add(change);
  });
  return () => {
    clearTimeout(timer);
    stopSpec();
    stopServices();
  };
}

/**
 * Calls `onChange` when a file of the spec at `spec` changes, or when a YAML file appears or
 * disappears beside one of them and so changes which files the spec includes (an `include:`
 * pattern). The set of files is read again after every change. Returns the function that stops watching.
 */
export function watchSpec(spec: string, onChange: () => void): () => void {
  let files = new Set([resolve(spec)]);
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const refresh = async (): Promise<boolean> => {
    const next = new Set((await specFiles(spec)).map((f) => resolve(f)));
    if (closed) return false;
    const changed = next.size !== files.size || [...next].some((f) => !files.has(f));
    files = next;
    const dirs = new Set([...files].map((f) => dirname(f)));
    for (const [dir, watcher] of watchers) {
      if (dirs.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of dirs) if (!watchers.has(dir)) watchers.set(dir, watchDir(dir, onEvent));
    return changed;
  };
  const onEvent = (file: string) => {
    if (files.has(file)) {
      onChange();
      refresh().catch(() => undefined);
    } else if (/\.ya?ml$/.test(file))
      refresh()
        .then((changed) => changed && onChange())
        .catch(() => undefined);
  };
  watchers.set(dirname(resolve(spec)), watchDir(dirname(resolve(spec)), onEvent));
  refresh().catch(() => undefined);
  return () => {
    closed = true;
    for (const watcher of watchers.values()) watcher.close();
  };
}

function watchDir(dir: string, onEvent: (file: string) => void, onGone?: () => void): FSWatcher {
  const watcher = watch(dir, (_event, name) => {
    if (name !== null) onEvent(join(dir, name));
  });
  watcher.on("error", () => {
    watcher.close();
    onGone?.();
  });
  return watcher;
}

/** Folders under `services/` that hold no hand-written code. */
const UNWATCHED = new Set(["node_modules", "generated", "dist", ".git"]);

/**
 * Calls `onFile` for every file event below `root`, with one watcher per folder (folders created
 * later included). A recursive watcher would lose a file that an editor saves by replacing it
 * (write a copy, rename it over): its later saves would go unseen.
 */
function watchTree(root: string, onFile: (file: string) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string) => {
    if (watchers.has(dir) || UNWATCHED.has(basename(dir))) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const onEvent = (file: string) => {
      onFile(file);
      add(file);
    };
    watchers.set(
      dir,
      watchDir(dir, onEvent, () => watchers.delete(dir)),
    );
    for (const entry of entries) if (entry.isDirectory()) add(join(dir, entry.name));
  };
  add(root);
  return () => {
    for (const watcher of watchers.values()) watcher.close();
  };
}

function serviceChange(project: DevProject, file: string): Change | undefined {
  const parts = relative(join(project.dir, "services"), file).split(sep);
  const [service, src, next] = parts;
  if (!service || src !== "src" || next === undefined || next === "generated") return undefined;
  if (!/\.(ts|mts|js|mjs|json)$/.test(file)) return undefined;
  return { kind: "service", service, file };
}
