import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { computeModel } from "../computed/index.js";
import {
  dataLoss,
  diffSchemas,
  parseSnapshot,
  schemaIntents,
  storeSchema,
  type SchemaSnapshot,
} from "../migrations/index.js";
import { migrationsDir, SNAPSHOT_FILE } from "../naming.js";
import { reportAtKey, type Rule } from "./context.js";

/** `schema.json` of a store's migrations in the project beside the spec (the default output folder), if there is one. */
function readSnapshot(path: string): SchemaSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  return parseSnapshot(text, path);
}

/**
 * Warns before data is lost: what the store's latest migrations drop or narrow (recorded in its
 * `schema.json`), and what the next `archkit generate` would write for the spec as it is now.
 */
export const dataLossMigration: Rule = {
  name: "data-loss-migration",
  needsComplete: true,
  check({ model, report }) {
    const computed = computeModel(model);
    const root = dirname(model.file);
    for (const service of computed.services) {
      for (const store of service.databaseStores) {
        const dir = migrationsDir(service.id, store.id);
        const snapshot = readSnapshot(join(root, dir, SNAPSHOT_FILE));
        const next = storeSchema(store);
        if (snapshot === undefined || next === undefined) continue;
        const warn = (message: string) =>
          reportAtKey(
            report,
            "dataLossMigration",
            store.source,
            message,
            "apply it only once the data is copied elsewhere or no longer needed; keep the column (or table) in the spec to keep its data",
          );
        for (const { migration, loss } of snapshot.dataLoss ?? [])
          warn(`migration ${dir}/${migration} of store \`${store.id}\` ${loss}`);
        let pending: string[];
        try {
          pending = diffSchemas(snapshot.schema, next, schemaIntents(store)).flatMap((c) => dataLoss(c) ?? []);
        } catch {
          continue;
        }
        for (const loss of pending)
          warn(
            `the next migration of store \`${store.id}\` (after ${String(snapshot.version).padStart(4, "0")} in ${dir}) ${loss}`,
          );
      }
    }
  },
};
