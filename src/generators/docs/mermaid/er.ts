import type { Column, PostgresStore, Table } from "../../../model/index.js";
import { oneLine } from "../escape.js";

/** A relational store as a Mermaid `erDiagram`: every table with its columns, and one relationship per foreign key. */
export function mermaidEr(store: PostgresStore): string {
  const lines = ["erDiagram"];
  for (const table of store.tables) lines.push(...entity(table));
  for (const table of store.tables) lines.push(...relationships(store, table));
  return `${lines.join("\n")}\n`;
}

function entity(table: Table): string[] {
  return [
    `  ${table.name} {`,
    ...table.columns.map((c) => `    ${c.type} ${c.name}${keys(table, c)}${comment(c)}`),
    "  }",
  ];
}

function keys(table: Table, column: Column): string {
  const marks = [
    ...(table.primaryKey.includes(column.name) ? ["PK"] : []),
    ...(column.references ? ["FK"] : []),
    ...(column.unique && !table.primaryKey.includes(column.name) ? ["UK"] : []),
  ];
  return marks.length > 0 ? ` ${marks.join(", ")}` : "";
}

function comment(column: Column): string {
  const notes = [column.nullable ? "nullable" : "", column.index ? "indexed" : "", column.description ?? ""].filter(
    (n) => n !== "",
  );
  return notes.length > 0 ? ` "${oneLine(notes.join(", ")).replace(/"/g, "'")}"` : "";
}

/** Parent `||` (or `|o` for a nullable key) to child `o{` (or `o|` for a unique key). */
function relationships(store: PostgresStore, table: Table): string[] {
  return table.columns.flatMap((column) => {
    const ref = column.references;
    if (!ref || !store.tables.some((t) => t.name === ref.table)) return [];
    const parent = column.nullable ? "|o" : "||";
    const child = column.unique ? "o|" : "o{";
    return [`  ${ref.table} ${parent}--${child} ${table.name} : "${column.name}"`];
  });
}
