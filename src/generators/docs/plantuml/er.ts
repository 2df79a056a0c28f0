import type { Column, PostgresStore } from "../../../model/index.js";
import { plantumlLabel } from "../escape.js";

/** A relational store as a PlantUML entity diagram: columns with keys, one relation per foreign key. */
export function plantumlEr(store: PostgresStore): string {
  const lines = ["@startuml", "hide circle", "skinparam linetype ortho", "", `title ${plantumlLabel(store.title)}`, ""];
  for (const table of store.tables) {
    lines.push(`entity "${plantumlLabel(table.name)}" as t_${table.name} {`);
    const keys = table.columns.filter((c) => table.primaryKey.includes(c.name));
    const rest = table.columns.filter((c) => !table.primaryKey.includes(c.name));
    lines.push(
      ...keys.map((c) => `  * ${column(c)}`),
      ...(keys.length > 0 && rest.length > 0 ? ["  --"] : []),
      ...rest.map((c) => `  ${column(c)}`),
      "}",
    );
  }
  for (const table of store.tables) {
    for (const c of table.columns) {
      if (!c.references || !store.tables.some((t) => t.name === c.references!.table)) continue;
      lines.push(
        `t_${c.references.table} ${c.nullable ? "|o" : "||"}--${c.unique ? "o|" : "o{"} t_${table.name} : ${plantumlLabel(c.name)}`,
      );
    }
  }
  lines.push("@enduml");
  return `${lines.join("\n")}\n`;
}

function column(c: Column): string {
  const marks = [c.references ? "FK" : "", c.unique ? "unique" : "", c.nullable ? "nullable" : ""].filter(
    (m) => m !== "",
  );
  return `${plantumlLabel(c.name)} : ${c.type}${marks.length > 0 ? ` <<${marks.join(", ")}>>` : ""}`;
}
