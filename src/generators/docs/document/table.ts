import type { Table } from "./view.js";

/** A table without the columns that are empty in every row; undefined when there are no rows. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): Table | undefined {
  if (rows.length === 0) return undefined;
  const keep = head.map((_, i) => rows.some((row) => (row[i] ?? "") !== ""));
  return { head: head.filter((_, i) => keep[i]), rows: rows.map((row) => row.filter((_, i) => keep[i])) };
}
