import { diagnostic, type Diagnostic, type DiagnosticInput, type RuleKey } from "../diagnostics.js";
import type { SpecInput } from "../schema/index.js";
import type { Path, RawSpec } from "../source.js";
import { didYouMean } from "../suggest.js";

export type RefKind = "service" | "endpoint" | "event" | "store" | "schema" | "external" | "actor" | "stateMachine";

const KIND_WORDS: Record<RefKind, string> = {
  service: "service",
  endpoint: "endpoint",
  event: "event",
  store: "store",
  schema: "schema",
  external: "external system",
  actor: "actor",
  stateMachine: "state machine",
};

/** Name tables for every kind of reference, and the diagnostics raised while resolving them. */
export class Resolver {
  readonly diagnostics: Diagnostic[] = [];
  private readonly names: Record<RefKind, Set<string>>;

  private readonly pruned: ReadonlySet<string>;

  constructor(
    readonly spec: SpecInput,
    readonly raw: RawSpec,
    pruned: readonly Path[] = [],
  ) {
    this.pruned = new Set(pruned.flatMap(prunedName));
    const keys = (record: object | undefined) => new Set(Object.keys(record ?? {}));
    const endpoints = new Set<string>();
    for (const [service, def] of Object.entries(spec.services)) {
      for (const endpoint of Object.keys(def.endpoints ?? {})) endpoints.add(`${service}.${endpoint}`);
    }
    this.names = {
      service: keys(spec.services),
      endpoint: endpoints,
      event: keys(spec.events),
      store: keys(spec.stores),
      schema: new Set([...keys(spec.schemas), "Problem"]),
      external: keys(spec.externals),
      actor: keys(spec.actors),
      stateMachine: keys(spec.stateMachines),
    };
  }

  has(kind: RefKind, name: string): boolean {
    return this.names[kind].has(name);
  }

  /** The name if it exists; otherwise an unknown-reference diagnostic at `path` and undefined. */
  /** `part: "key"` when the name is written as a mapping key (`consumes: { OrderCreated: ... }`). */
  resolve<T extends string>(
    kind: RefKind,
    name: string,
    path: Path,
    candidates?: Iterable<string>,
    part: "key" | "value" = "value",
  ): T | undefined {
    if (this.has(kind, name)) return name as T;
    this.unknown(kind, name, path, candidates ?? this.names[kind], undefined, part);
    return undefined;
  }

  unknown(
    kind: RefKind,
    name: string,
    path: Path,
    candidates: Iterable<string>,
    context?: string,
    part: "key" | "value" = "value",
  ): void {
    if (this.wasPruned(kind, name)) return;
    const list = [...candidates];
    this.report(
      "unknownReference",
      path,
      {
        message: `unknown ${KIND_WORDS[kind]} \`${name}\`${context ? ` ${context}` : ""}`,
        hint:
          didYouMean(name, list) ??
          (list.length
            ? `declared ${KIND_WORDS[kind]}s: ${list.slice(0, 10).join(", ")}`
            : `no ${KIND_WORDS[kind]}s are declared`),
      },
      part,
    );
  }

  report(rule: RuleKey, path: Path, input: Omit<DiagnosticInput, "loc">, part: "key" | "value" = "value"): void {
    const span = this.raw.locate(path, part);
    this.diagnostics.push(diagnostic(rule, { ...input, loc: span, length: input.length ?? span.length }));
  }

  /** The target was invalid and set aside; its own diagnostic already says why. */
  private wasPruned(kind: RefKind, name: string): boolean {
    return (
      this.pruned.has(`${kind}:${name}`) || (kind === "endpoint" && this.pruned.has(`service:${name.split(".")[0]}`))
    );
  }

  allNames(kind: RefKind): ReadonlySet<string> {
    return this.names[kind];
  }
}

const TOP_LEVEL_KINDS: Record<string, RefKind> = {
  services: "service",
  events: "event",
  stores: "store",
  schemas: "schema",
  externals: "external",
  actors: "actor",
  stateMachines: "stateMachine",
};

function prunedName(path: Path): string[] {
  const [section, name, member, endpoint] = path.map(String);
  if (path.length === 2 && section && TOP_LEVEL_KINDS[section]) return [`${TOP_LEVEL_KINDS[section]}:${name}`];
  if (path.length === 4 && section === "services" && member === "endpoints") return [`endpoint:${name}.${endpoint}`];
  return [];
}
