import { unreachable } from "../errors.js";
import type { CollectionSchema, ColumnSchema, TableSchema } from "./snapshot.js";

type Value = string | number | boolean;

/** One step from a store's old schema to its new one; `sqlForChanges` turns it into statements. */
export type SchemaChange =
  | { readonly kind: "create-tables"; readonly tables: readonly TableSchema[] }
  | { readonly kind: "drop-table"; readonly table: TableSchema }
  | { readonly kind: "rename-table"; readonly from: string; readonly to: string; readonly old: TableSchema }
  | { readonly kind: "add-column"; readonly table: string; readonly column: ColumnSchema; readonly backfill?: string }
  | { readonly kind: "drop-column"; readonly table: string; readonly column: ColumnSchema }
  | { readonly kind: "rename-column"; readonly table: string; readonly from: ColumnSchema; readonly to: ColumnSchema }
  | {
      readonly kind: "retype-column";
      readonly table: string;
      readonly column: string;
      readonly from: string;
      readonly to: string;
      readonly widening: boolean;
    }
  | { readonly kind: "set-required"; readonly table: string; readonly column: ColumnSchema; readonly backfill?: string }
  | { readonly kind: "drop-required"; readonly table: string; readonly column: string }
  | { readonly kind: "set-default"; readonly table: string; readonly column: string; readonly default?: Value }
  | { readonly kind: "add-index" | "drop-index"; readonly table: string; readonly column: string }
  | { readonly kind: "add-unique" | "drop-unique"; readonly table: string; readonly columns: readonly string[] }
  | {
      readonly kind: "add-foreign-key" | "drop-foreign-key";
      readonly table: string;
      readonly column: string;
      readonly references: { readonly table: string; readonly column: string };
    }
  | {
      readonly kind: "set-primary-key";
      readonly table: string;
      readonly from: readonly string[];
      readonly to: readonly string[];
    }
  | { readonly kind: "create-collections"; readonly collections: readonly CollectionSchema[] }
  | { readonly kind: "drop-collection"; readonly name: string }
  | { readonly kind: "rename-collection"; readonly from: string; readonly to: string; readonly old: CollectionSchema }
  | { readonly kind: "add-field-index" | "drop-field-index"; readonly collection: string; readonly field: string }
  | { readonly kind: "rename-field"; readonly collection: string; readonly from: string; readonly to: string };

export type SchemaChangeKind = SchemaChange["kind"];

/**
 * What a change does, in words, for migration titles and messages.
 *
 * @example
 * describeChange({ kind: "drop-index", table: "orders", column: "status" }); // "drop index orders.status"
 */
export function describeChange(change: SchemaChange): string {
  switch (change.kind) {
    case "create-tables":
      return `create ${change.tables.map((t) => t.name).join(", ")}`;
    case "drop-table":
      return `drop table ${change.table.name}`;
    case "rename-table":
    case "rename-collection":
      return `rename ${change.from} to ${change.to}`;
    case "add-column":
      return `add ${change.table}.${change.column.name}`;
    case "drop-column":
      return `drop ${change.table}.${change.column.name}`;
    case "rename-column":
      return `rename ${change.table}.${change.from.name} to ${change.to.name}`;
    case "retype-column":
      return `retype ${change.table}.${change.column} ${change.from} to ${change.to}`;
    case "set-required":
      return `require ${change.table}.${change.column.name}`;
    case "drop-required":
      return `make ${change.table}.${change.column} optional`;
    case "set-default":
      return `${change.default === undefined ? "drop" : "set"} default of ${change.table}.${change.column}`;
    case "add-index":
    case "drop-index":
      return `${change.kind === "add-index" ? "index" : "drop index"} ${change.table}.${change.column}`;
    case "add-unique":
    case "drop-unique":
      return `${change.kind === "add-unique" ? "unique" : "drop unique"} ${change.table}(${change.columns.join(", ")})`;
    case "add-foreign-key":
    case "drop-foreign-key":
      return `${change.kind === "add-foreign-key" ? "reference" : "drop reference"} ${change.table}.${change.column}`;
    case "set-primary-key":
      return `primary key of ${change.table}`;
    case "create-collections":
      return `create ${change.collections.map((c) => c.name).join(", ")}`;
    case "drop-collection":
      return `drop collection ${change.name}`;
    case "add-field-index":
    case "drop-field-index":
      return `${change.kind === "add-field-index" ? "index" : "drop index"} ${change.collection}.${change.field}`;
    case "rename-field":
      return `rename ${change.collection}.${change.from} to ${change.to}`;
    default:
      return unreachable(change);
  }
}

/**
 * Why a change loses data once its migration runs, or undefined when it keeps every value:
 * dropped tables, columns and collections, and a type change that is not a widening.
 */
export function dataLoss(change: SchemaChange): string | undefined {
  switch (change.kind) {
    case "drop-table":
      return `drops table ${change.table.name} with its rows`;
    case "drop-column":
      return `drops column ${change.table}.${change.column.name} with its values`;
    case "drop-collection":
      return `drops collection ${change.name} with its documents`;
    case "retype-column":
      return change.widening
        ? undefined
        : `narrows ${change.table}.${change.column} from ${change.from} to ${change.to}; values that do not convert fail the migration or lose precision`;
    default:
      return undefined;
  }
}
