import type { CollectionSchema } from "../../model/migrations/index.js";
import { constraintName, quoteIdent, quoteLiteral } from "./sql-text.js";

/**
 * DDL for the collections of a document store: one JSONB table per collection
 * (`id text primary key, data jsonb not null, created_at, updated_at`) and an expression
 * index for every declared index field (dotted paths reach into nested objects).
 */
export function collectionsDdl(store: { readonly collections: readonly CollectionSchema[] }): string[] {
  return store.collections.flatMap((collection) => [
    [
      `create table if not exists ${quoteIdent(collection.name)} (`,
      "  id text not null,",
      "  data jsonb not null,",
      "  created_at timestamptz not null default now(),",
      "  updated_at timestamptz not null default now(),",
      `  constraint ${quoteIdent(constraintName(collection.name, [], "pkey"))} primary key (id)`,
      ")",
    ].join("\n"),
    ...collection.indexes.map((field) => fieldIndex(collection.name, field)),
  ]);
}

/** The expression index on a document field (a dotted path). */
export function fieldIndexName(collection: string, field: string): string {
  return constraintName(collection, ["data", ...field.split(".")], "idx");
}

export function fieldIndex(collection: string, field: string): string {
  const path = field.split(".");
  const name = fieldIndexName(collection, field);
  const pathLiteral = quoteLiteral(
    `{${path.map((p) => `"${p.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`,
  );
  return `create index if not exists ${quoteIdent(name)} on ${quoteIdent(collection)} ((data #>> ${pathLiteral}))`;
}
