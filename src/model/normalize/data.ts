import type { Column, Event, EventId, Service, StateMachineId, Store, StoreId, Table } from "../model.js";
import type { StateMachine } from "../model-system.js";
import type { EventInput, StoreInput } from "../schema/index.js";
import { deadLetterTopic, defaultTopic } from "../naming.js";
import { parseDuration } from "../units.js";
import type { Path } from "../source.js";
import type { Resolver } from "./resolver.js";
import { schemaUse } from "./schemas.js";
import { unreachable } from "../errors.js";

const EVENT_DEFAULTS = { partitions: 3, retentionMs: 7 * 86_400_000 } as const;
const CACHE_TTL_MS = 300_000;

export function normalizeEvents(r: Resolver, services: readonly Service[], systemName: string): Event[] {
  return Object.entries(r.spec.events ?? {}).map(([name, def]) =>
    normalizeEvent(r, name as EventId, def, services, systemName),
  );
}

function normalizeEvent(
  r: Resolver,
  id: EventId,
  def: EventInput,
  services: readonly Service[],
  systemName: string,
): Event {
  const path = ["events", id];
  const producer = services.find(
    (s) => s.endpoints.some((e) => e.publishes.includes(id)) || s.consumers.some((c) => c.publishes.includes(id)),
  );
  const topic = def.topic ?? defaultTopic(producer?.id ?? systemName, id);
  return {
    id,
    source: path,
    title: def.title,
    description: def.description,
    schema: schemaUse(r, def.schema, [...path, "schema"]),
    key: def.key,
    topic,
    deadLetterTopic: deadLetterTopic(topic),
    partitions: def.partitions ?? EVENT_DEFAULTS.partitions,
    retentionMs: def.retention === undefined ? EVENT_DEFAULTS.retentionMs : parseDuration(def.retention),
  };
}

export function normalizeStores(r: Resolver): Store[] {
  return Object.entries(r.spec.stores ?? {}).map(([name, def]) => {
    const id = name as StoreId;
    return normalizeStore(r, id, def);
  });
}

const JSON_TYPES: ReadonlySet<string> = new Set(["json", "jsonb"]);
const TEXT_TYPES: ReadonlySet<string> = new Set(["text", "varchar"]);

type ColumnInput = Extract<StoreInput, { kind: "postgres" }>["tables"][string]["columns"][string];

/** A column's `schema` (json/jsonb only) and `stateMachine` (text/varchar only), resolved. */
function columnValues(r: Resolver, c: ColumnInput, path: Path): Pick<Column, "schema" | "stateMachine"> {
  const values: { schema?: Column["schema"]; stateMachine?: StateMachineId } = {};
  if (c.schema !== undefined) {
    if (JSON_TYPES.has(c.type)) values.schema = schemaUse(r, c.schema, [...path, "schema"]);
    else
      r.report("invalidValue", [...path, "schema"], {
        message: `\`schema\` describes json and jsonb columns; this column is ${c.type}`,
        hint: "give the column type: jsonb, or drop schema",
      });
  }
  if (c.stateMachine !== undefined) {
    if (!TEXT_TYPES.has(c.type))
      r.report("invalidValue", [...path, "stateMachine"], {
        message: `\`stateMachine\` describes text columns; this column is ${c.type}`,
        hint: "give the column type: text, or drop stateMachine",
      });
    else values.stateMachine = r.resolve<StateMachineId>("stateMachine", c.stateMachine, [...path, "stateMachine"]);
  }
  return values;
}

function normalizeStore(r: Resolver, id: StoreId, def: StoreInput): Store {
  const path = ["stores", id];
  const base = {
    id,
    source: path,
    title: def.title ?? id,
    description: def.description,
    replication: def.replication,
    backup: def.backup,
    scaling: def.scaling,
  };
  switch (def.kind) {
    case "postgres":
      return {
        ...base,
        kind: "postgres",
        technology: def.technology ?? "PostgreSQL",
        tables: Object.entries(def.tables).map(([table, t]): Table => {
          const columns = Object.entries(t.columns).map(([column, c]): Column => {
            const [refTable, refColumn] = c.references?.split(".") ?? [];
            const columnPath = [...path, "tables", table, "columns", column];
            return {
              name: column,
              type: c.type,
              primaryKey: c.primaryKey ?? false,
              unique: c.unique ?? false,
              index: c.index ?? false,
              nullable: (c.nullable ?? false) && !c.primaryKey,
              default: c.default,
              references: refTable && refColumn ? { table: refTable, column: refColumn } : undefined,
              description: c.description,
              ...(c.renamedFrom === undefined ? {} : { renamedFrom: c.renamedFrom }),
              ...(c.backfill === undefined ? {} : { backfill: c.backfill }),
              ...(c.sensitive === true ? { sensitive: true as const } : {}),
              ...columnValues(r, c, columnPath),
            };
          });
          return {
            name: table,
            description: t.description,
            columns,
            primaryKey: columns.filter((c) => c.primaryKey).map((c) => c.name),
            unique: t.unique ?? [],
            ...(t.renamedFrom === undefined ? {} : { renamedFrom: t.renamedFrom }),
          };
        }),
      };
    case "document":
      return {
        ...base,
        kind: "document",
        technology: def.technology ?? "PostgreSQL JSONB",
        collections: Object.entries(def.collections).map(([collection, c]) => ({
          name: collection,
          schema: schemaUse(r, c.schema, [...path, "collections", collection, "schema"]),
          description: c.description,
          indexes: c.indexes ?? [],
          ...(c.renamedFrom === undefined ? {} : { renamedFrom: c.renamedFrom }),
          renamedFields: c.renamedFields ?? {},
        })),
      };
    case "cache":
      return {
        ...base,
        kind: "cache",
        technology: def.technology ?? "Redis",
        ttlMs: def.ttl === undefined ? CACHE_TTL_MS : parseDuration(def.ttl),
      };
    default: {
      return unreachable(def);
    }
  }
}

export function normalizeStateMachines(r: Resolver): StateMachine[] {
  return Object.entries(r.spec.stateMachines ?? {}).map(([name, def]) => {
    const id = name as StateMachineId;
    return {
      id,
      source: ["stateMachines", id],
      title: def.title ?? id,
      description: def.description,
      initial: def.initial,
      states: def.states,
      final: def.final ?? [],
      transitions: def.transitions.map((t) => ({
        from: typeof t.from === "string" ? [t.from] : t.from,
        to: t.to,
        on: t.on,
        description: t.description,
      })),
    };
  });
}
