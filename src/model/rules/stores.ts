import { didYouMean } from "../suggest.js";
import { computeModel } from "../computed/index.js";
import { reportAtKey, type Rule } from "./context.js";

export const sharedStore: Rule = {
  name: "shared-store",
  check({ model, report }) {
    const computed = computeModel(model);
    for (const store of model.stores) {
      const usedBy = computed.usersOfStore(store.id);
      if (store.kind === "cache" || usedBy.length < 2) continue;
      reportAtKey(
        report,
        "sharedStore",
        store.source,
        `store \`${store.id}\` is used by ${usedBy.length} services (${usedBy.join(", ")}); each ${store.kind} store should have one owning service`,
        "give each service its own store and share data through endpoints or events",
      );
    }
  },
};

export const unusedStore: Rule = {
  name: "unused-store",
  needsComplete: true,
  check({ model, report }) {
    const computed = computeModel(model);
    for (const store of model.stores) {
      if (computed.usersOfStore(store.id).length > 0) continue;
      reportAtKey(
        report,
        "unusedStore",
        store.source,
        `store \`${store.id}\` is not used by any service`,
        `add \`stores: [${store.id}]\` to the service that owns it, or remove the store`,
      );
    }
  },
};

/** Foreign keys and composite unique constraints name columns of the same store. */
export const columnReference: Rule = {
  name: "column-reference",
  check({ model, report }) {
    for (const store of model.stores) {
      if (store.kind !== "postgres") continue;
      const columns = new Map(store.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
      for (const table of store.tables) {
        const at = [...store.source, "tables", table.name];
        for (const column of table.columns) {
          const ref = column.references;
          if (!ref) continue;
          const target = columns.get(ref.table);
          if (target?.includes(ref.column)) continue;
          const candidates = target
            ? target.map((c) => `${ref.table}.${c}`)
            : [...columns.keys()].flatMap((t) => (columns.get(t) ?? []).map((c) => `${t}.${c}`));
          report("unknownReference", [...at, "columns", column.name, "references"], {
            message: `column ${table.name}.${column.name} references \`${ref.table}.${ref.column}\`, which is not a ${target ? "column of that table" : `table of store \`${store.id}\``}`,
            hint:
              didYouMean(`${ref.table}.${ref.column}`, candidates) ??
              "a foreign key names `<table>.<column>` in the same store",
          });
        }
        table.unique.forEach((group, i) =>
          group.forEach((name, j) => {
            if (!columns.get(table.name)?.includes(name)) {
              report("unknownReference", [...at, "unique", i, j], {
                message: `unique constraint of ${table.name} names unknown column \`${name}\``,
                hint: didYouMean(name, columns.get(table.name) ?? []),
              });
            }
          }),
        );
      }
    }
  },
};
