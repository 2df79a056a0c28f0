import type { z } from "zod";
import { defOf, keysAt, slotAt, valueAt } from "./schema-walk.js";
import type { Path } from "./source.js";
import { closest } from "./suggest.js";

type Issue = z.core.$ZodIssue;

export interface Repair {
  readonly data: unknown;
  /** Entries of named maps that were set aside, e.g. ["services", "orders", "endpoints", "getOrder"]. */
  readonly pruned: readonly Path[];
}

/**
 * Make a copy of invalid data that the later stages can still check: a misspelled key takes
 * the name it was probably meant to have, other unknown keys are dropped, an invalid optional
 * value is removed, and an invalid entry of a named map (an endpoint, an event, ...) is set
 * aside. Undefined when an invalid value cannot be set aside (a required top-level key).
 */
export function repair(data: unknown, issues: readonly Issue[]): Repair | undefined {
  const copy = structuredClone(data);
  const pruned: Path[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") renameOrDrop(copy, issue.path as Path, issue.keys);
  }
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (issue.code === "unrecognized_keys") continue;
    if (issue.code === "invalid_type" && valueAt(data, path) === undefined && valueAt(copy, path) !== undefined)
      continue;
    const target = removable(path);
    if (!target) return undefined;
    if (deleteAt(copy, target.path) && target.entry) pruned.push(target.path);
  }
  return { data: copy, pruned };
}

function renameOrDrop(data: unknown, path: Path, keys: readonly string[]): void {
  const target = valueAt(data, path);
  if (!target || typeof target !== "object" || Array.isArray(target)) return;
  const record = target as Record<string, unknown>;
  const allowed = keysAt(path, target);
  for (const key of keys) {
    const meant = closest(key, allowed);
    if (meant !== undefined && !(meant in record)) record[meant] = record[key];
    delete record[key];
  }
}

/** The nearest value at or above `path` that may be removed: an optional value or an entry of a named map. */
function removable(path: Path): { readonly path: Path; readonly entry: boolean } | undefined {
  for (let end = path.length; end > 0; end--) {
    const candidate = path.slice(0, end);
    const { slot, inRecord } = slotAt(candidate);
    if (typeof candidate[candidate.length - 1] === "number") continue;
    if (inRecord) return { path: candidate, entry: true };
    if (slot.some((s) => defOf(s).type === "optional")) return { path: candidate, entry: false };
  }
  return undefined;
}

function deleteAt(data: unknown, path: Path): boolean {
  const parent = valueAt(data, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!parent || typeof parent !== "object" || key === undefined || !(key in parent)) return false;
  delete (parent as Record<string | number, unknown>)[key];
  return true;
}
