import { sql, type Kysely } from "kysely";

/** What the database says about its tables, read from information_schema and pg_indexes. */
export interface Catalog {
  readonly columns: readonly {
    table: string;
    column: string;
    type: string;
    nullable: boolean;
    default: string | null;
  }[];
  readonly constraints: readonly { table: string; name: string; kind: string; columns: string }[];
  readonly foreignKeys: readonly { table: string; column: string; refTable: string; refColumn: string }[];
  readonly indexes: readonly { table: string; name: string; definition: string }[];
}

export async function readCatalog(db: Kysely<any>): Promise<Catalog> {
  const columns = await sql<{ table: string; column: string; type: string; nullable: string; default: string | null }>`
    select table_name as "table", column_name as "column", data_type as "type", is_nullable as "nullable", column_default as "default"
    from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(
    db,
  );
  const constraints = await sql<{ table: string; name: string; kind: string; columns: string }>`
    select tc.table_name as "table", tc.constraint_name as "name", tc.constraint_type as "kind",
           string_agg(kcu.column_name, ',' order by kcu.ordinal_position) as "columns"
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema and kcu.table_name = tc.table_name
    where tc.table_schema = current_schema()
    group by 1, 2, 3 order by 1, 2`.execute(db);
  const foreignKeys = await sql<{ table: string; column: string; refTable: string; refColumn: string }>`
    select kcu.table_name as "table", kcu.column_name as "column", ccu.table_name as "refTable", ccu.column_name as "refColumn"
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() order by 1, 2`.execute(db);
  const indexes = await sql<{ table: string; name: string; definition: string }>`
    select tablename as "table", indexname as "name", indexdef as "definition"
    from pg_indexes where schemaname = current_schema() order by 1, 2`.execute(db);
  return {
    columns: columns.rows.map((c) => ({ ...c, nullable: c.nullable === "YES" })),
    constraints: constraints.rows,
    foreignKeys: foreignKeys.rows,
    indexes: indexes.rows,
  };
}

/** information_schema's name for a spec column type. */
export function catalogType(type: string): string {
  const names: Record<string, string> = {
    timestamptz: "timestamp with time zone",
    timestamp: "timestamp without time zone",
    double: "double precision",
    varchar: "character varying",
  };
  return names[type] ?? type;
}
