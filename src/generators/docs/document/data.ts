import { type ComputedModel, kebabCase, type Store } from "../../../model/index.js";
import { duration, joinWords } from "../format.js";
import { schemaLabel, serviceTitle } from "../lookup.js";
import { table } from "./table.js";
import type { DataView, Diagram, Fact, StoreView, Table } from "./view.js";
import { unreachable } from "../../../model/errors.js";

export function dataArchitecture(
  computed: ComputedModel,
  diagrams: ReadonlyMap<string, Diagram>,
): DataView | undefined {
  const model = computed.model;
  if (model.stores.length === 0) return undefined;
  const users = (store: Store) => joinWords(computed.usersOfStore(store.id).map((id) => serviceTitle(computed, id)));
  return {
    table: {
      head: ["Store", "Kind", "Technology", "Used by", "Replication", "Backup"],
      rows: model.stores.map((s) => [
        s.title,
        kindName(s),
        s.technology,
        users(s),
        s.replication ?? "not declared",
        s.backup ?? "not declared",
      ]),
    },
    stores: model.stores.map((s) => storeView(s, users(s), diagrams)),
  };
}

function storeView(store: Store, users: string, diagrams: ReadonlyMap<string, Diagram>): StoreView {
  const facts: Fact[] = [
    { label: "Technology", text: store.technology },
    ...(users ? [{ label: "Used by", text: users }] : []),
    ...(store.replication ? [{ label: "Replication", text: store.replication }] : []),
    ...(store.backup ? [{ label: "Backup", text: store.backup }] : []),
    ...(store.scaling ? [{ label: "Scaling", text: store.scaling }] : []),
  ];
  const base = { title: `${store.title} (\`${store.id}\`)`, description: store.description };
  switch (store.kind) {
    case "postgres":
      return { ...base, facts, er: diagrams.get(`er-${kebabCase(store.id)}`), tables: tableIndex(store) };
    case "document":
      return {
        ...base,
        facts,
        collections: table(
          ["Collection", "Schema", "Indexes", "Description"],
          store.collections.map((c) => [
            `\`${c.name}\``,
            `\`${schemaLabel(c.schema)}\``,
            c.indexes.map((i) => `\`${i}\``).join(", "),
            c.description ?? "",
          ]),
        ),
      };
    case "cache":
      return { ...base, facts: [...facts, { label: "Time to live", text: duration(store.ttlMs) }] };
    default: {
      return unreachable(store);
    }
  }
}

function tableIndex(store: Extract<Store, { kind: "postgres" }>): Table | undefined {
  if (store.tables.length === 0) return undefined;
  return {
    head: ["Table", "Primary key", "References", "Indexed"],
    rows: store.tables.map((t) => [
      `\`${t.name}\``,
      t.primaryKey.map((k) => `\`${k}\``).join(", ") || "none",
      t.columns
        .flatMap((c) => (c.references ? [`\`${c.name}\` to \`${c.references.table}.${c.references.column}\``] : []))
        .join(", ") || "none",
      t.columns
        .filter((c) => c.index || c.unique)
        .map((c) => `\`${c.name}\`${c.unique ? " (unique)" : ""}`)
        .join(", ") || "none",
    ]),
  };
}

function kindName(store: Store): string {
  switch (store.kind) {
    case "postgres":
      return "Relational";
    case "document":
      return "Document";
    case "cache":
      return "Cache";
    default:
      return unreachable(store);
  }
}
