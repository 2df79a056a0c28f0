import {
  baseType,
  indexedColumns,
  uniqueGroups,
  type ColumnSchema,
  type SchemaChange,
  type TableSchema,
} from "../../model/migrations/index.js";
import { unreachable } from "../../model/errors.js";
import { collectionsDdl, fieldIndex, fieldIndexName } from "./document-ddl.js";
import { constraintName, defaultSql, quoteIdent, quoteLiteral, sqlType } from "./sql-text.js";
import {
  columnDdl,
  columnList,
  foreignKeyName,
  indexDdl,
  indexName,
  primaryKeyName,
  tablesDdl,
  uniqueName,
} from "./table-ddl.js";

/** The statements of one change: `expand` both versions tolerate, `contract` once the old version is gone. */
export interface PhasedSql {
  readonly expand: readonly string[];
  readonly contract: readonly string[];
}

const q = quoteIdent;

/**
 * The PostgreSQL statements of a list of changes, split into expand and contract (PGlite runs
 * the same). Pure; the architecture diff and `archkit generate` both use it.
 *
 * @example
 * sqlForChanges([{ kind: "drop-index", table: "orders", column: "status" }]);
 * // { expand: [], contract: ['drop index if exists "orders_status_idx"'] }
 */
export function sqlForChanges(changes: readonly SchemaChange[]): PhasedSql {
  const parts = changes.map(changeSql);
  return { expand: parts.flatMap((p) => p.expand), contract: parts.flatMap((p) => p.contract) };
}

const expand = (...statements: string[]): PhasedSql => ({ expand: statements, contract: [] });
const contract = (...statements: string[]): PhasedSql => ({ expand: [], contract: statements });
const alter = (table: string, what: string): string => `alter table ${q(table)} ${what}`;

function changeSql(change: SchemaChange): PhasedSql {
  switch (change.kind) {
    case "create-tables":
      return expand(...tablesDdl(change.tables));
    case "drop-table":
      return contract(`drop table if exists ${q(change.table.name)}`);
    case "rename-table":
      return renameRelation(change.from, change.to, tableRenames(change.old, change.to));
    case "add-column":
      return addColumn(change.table, change.column, change.backfill);
    case "drop-column":
      return {
        expand: change.column.nullable
          ? []
          : [alter(change.table, `alter column ${q(change.column.name)} drop not null`)],
        contract: [alter(change.table, `drop column if exists ${q(change.column.name)}`)],
      };
    case "rename-column":
      return renameColumn(change.table, change.from, change.to);
    case "retype-column": {
      const type = sqlType(baseType(change.to));
      const via = change.widening ? "" : "::text";
      const statement = alter(
        change.table,
        `alter column ${q(change.column)} type ${type} using ${q(change.column)}${via}::${type}`,
      );
      return change.widening ? expand(statement) : contract(statement);
    }
    case "set-required":
      return contract(
        ...backfillSql(change.table, change.column, change.backfill),
        alter(change.table, `alter column ${q(change.column.name)} set not null`),
      );
    case "drop-required":
      return expand(alter(change.table, `alter column ${q(change.column)} drop not null`));
    case "set-default":
      return expand(
        alter(
          change.table,
          `alter column ${q(change.column)} ${change.default === undefined ? "drop default" : `set default ${defaultSql(change.default)}`}`,
        ),
      );
    case "add-index":
      return expand(indexDdl(change.table, change.column));
    case "drop-index":
      return contract(`drop index if exists ${q(indexName(change.table, change.column))}`);
    case "add-unique":
      return contract(
        alter(
          change.table,
          `add constraint ${q(uniqueName(change.table, change.columns))} unique (${columnList(change.columns)})`,
        ),
      );
    case "drop-unique":
      return expand(alter(change.table, `drop constraint if exists ${q(uniqueName(change.table, change.columns))}`));
    case "add-foreign-key":
      return contract(
        alter(
          change.table,
          `add constraint ${q(foreignKeyName(change.table, change.column))} foreign key (${q(change.column)}) references ${q(change.references.table)} (${q(change.references.column)})`,
        ),
      );
    case "drop-foreign-key":
      return expand(alter(change.table, `drop constraint if exists ${q(foreignKeyName(change.table, change.column))}`));
    case "set-primary-key":
      return contract(
        alter(change.table, `drop constraint if exists ${q(primaryKeyName(change.table))}`),
        ...(change.to.length > 0
          ? [
              alter(
                change.table,
                `add constraint ${q(primaryKeyName(change.table))} primary key (${columnList(change.to)})`,
              ),
            ]
          : []),
      );
    case "create-collections":
      return expand(...collectionsDdl(change));
    case "drop-collection":
      return contract(`drop table if exists ${q(change.name)}`);
    case "rename-collection":
      return renameRelation(change.from, change.to, [
        ["constraint", primaryKeyName(change.from), primaryKeyName(change.to)],
        ...change.old.indexes.map(
          (f): Rename => ["index", fieldIndexName(change.from, f), fieldIndexName(change.to, f)],
        ),
      ]);
    case "add-field-index":
      return expand(fieldIndex(change.collection, change.field));
    case "drop-field-index":
      return contract(`drop index if exists ${q(fieldIndexName(change.collection, change.field))}`);
    case "rename-field":
      return renameField(change.collection, change.from, change.to);
    default:
      return unreachable(change);
  }
}

type Rename = readonly ["constraint" | "index", string, string];

/** The constraint and index names that carry a table's name, old and new. */
function tableRenames(old: TableSchema, to: string): Rename[] {
  const from = old.name;
  return [
    ...(old.primaryKey.length > 0 ? [["constraint", primaryKeyName(from), primaryKeyName(to)] as const] : []),
    ...[...uniqueGroups(old)].map(
      (g): Rename => ["constraint", uniqueName(from, g.split(",")), uniqueName(to, g.split(","))],
    ),
    ...old.columns
      .filter((c) => c.references)
      .map((c): Rename => ["constraint", foreignKeyName(from, c.name), foreignKeyName(to, c.name)]),
    ...[...indexedColumns(old)].map((c): Rename => ["index", indexName(from, c), indexName(to, c)]),
  ];
}

/** Expand: rename, rename its constraints, and leave a view under the old name for the old version; contract drops the view. */
function renameRelation(from: string, to: string, renames: readonly Rename[]): PhasedSql {
  return {
    expand: [
      alter(from, `rename to ${q(to)}`),
      ...renames
        .filter(([, a, b]) => a !== b)
        .map(([kind, a, b]) =>
          kind === "index"
            ? `alter index ${q(a)} rename to ${q(b)}`
            : alter(to, `rename constraint ${q(a)} to ${q(b)}`),
        ),
      `create view ${q(from)} as select * from ${q(to)}`,
    ],
    contract: [`drop view if exists ${q(from)}`],
  };
}

function addColumn(table: string, column: ColumnSchema, backfill: string | undefined): PhasedSql {
  if (column.nullable || column.default !== undefined || backfill === undefined)
    return expand(alter(table, `add column if not exists ${columnDdl(column)}`));
  return {
    expand: [
      alter(table, `add column if not exists ${columnDdl({ ...column, nullable: true })}`),
      ...backfillSql(table, column, backfill),
    ],
    contract: [...backfillSql(table, column, backfill), alter(table, `alter column ${q(column.name)} set not null`)],
  };
}

/** Fills the rows where the column is null, from the declared expression or else the default. */
function backfillSql(table: string, column: ColumnSchema, backfill: string | undefined): string[] {
  const value = backfill ?? (column.default === undefined ? undefined : defaultSql(column.default));
  if (value === undefined) return [];
  return [`update ${q(table)} set ${q(column.name)} = (${value}) where ${q(column.name)} is null`];
}

/**
 * Expand adds the new column, copies the values and keeps both columns in step with a trigger,
 * so the old version (writing `from`) and the new (writing `to`) see each other's rows. Contract
 * drops the trigger and the old column and applies the new column's default and NOT NULL.
 */
function renameColumn(table: string, from: ColumnSchema, to: ColumnSchema): PhasedSql {
  const sync = constraintName(table, [from.name, to.name], "sync");
  const [toType, fromType] = [sqlType(baseType(to.type)), sqlType(baseType(from.type))];
  const [a, b] = [q(from.name), q(to.name)];
  const fallback =
    from.default === undefined
      ? ""
      : `\n    if new.${a} is null and new.${b} is null then new.${a} := ${defaultSql(from.default)}; end if;`;
  const body = [
    `create or replace function ${q(sync)}() returns trigger language plpgsql as $$`,
    "begin",
    "  if tg_op = 'INSERT' then" + fallback,
    `    if new.${b} is null then new.${b} := new.${a}::${toType}; end if;`,
    `    if new.${a} is null then new.${a} := new.${b}::${fromType}; end if;`,
    `  elsif new.${b} is distinct from old.${b} then new.${a} := new.${b}::${fromType};`,
    `  elsif new.${a} is distinct from old.${a} then new.${b} := new.${a}::${toType};`,
    "  end if;",
    "  return new;",
    "end $$",
  ].join("\n");
  return {
    expand: [
      alter(table, `add column if not exists ${columnDdl({ ...to, nullable: true, default: undefined })}`),
      `update ${q(table)} set ${b} = ${a}::${toType} where ${b} is null`,
      ...(from.default === undefined ? [] : [alter(table, `alter column ${a} drop default`)]),
      body,
      `create trigger ${q(sync)} before insert or update on ${q(table)} for each row execute function ${q(sync)}()`,
    ],
    contract: [
      `drop trigger if exists ${q(sync)} on ${q(table)}`,
      `drop function if exists ${q(sync)}()`,
      alter(table, `drop column if exists ${a}`),
      ...(to.default === undefined ? [] : [alter(table, `alter column ${b} set default ${defaultSql(to.default)}`)]),
      ...(to.nullable ? [] : [alter(table, `alter column ${b} set not null`)]),
    ],
  };
}

/** Expand copies the field under its new name; contract copies what the old version wrote since, then removes the old name. */
function renameField(collection: string, from: string, to: string): PhasedSql {
  const [f, t] = [quoteLiteral(from), quoteLiteral(to)];
  return {
    expand: [
      `update ${q(collection)} set data = data || jsonb_build_object(${t}, data -> ${f}) where data ? ${f} and not data ? ${t}`,
    ],
    contract: [
      `update ${q(collection)} set data = (data - ${f}) || case when data ? ${t} then '{}'::jsonb else jsonb_build_object(${t}, data -> ${f}) end where data ? ${f}`,
    ],
  };
}
