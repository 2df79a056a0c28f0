export type Severity = "error" | "warning";

/** A position in the spec file, 1-based. */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic extends Loc {
  readonly code: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  /** Length of the offending text on its line, for the code frame underline. */
  readonly length?: number;
}

export interface RuleInfo {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
}

/** Every diagnostic archkit can emit. Codes are stable: never reuse or renumber one. */
export const RULES = {
  yamlSyntax: {
    code: "AK001",
    name: "yaml-syntax",
    severity: "error",
    summary: "The file is not valid YAML (bad indentation, unclosed quote or bracket, tab indentation, ...).",
  },
  duplicateKey: {
    code: "AK002",
    name: "duplicate-key",
    severity: "error",
    summary: "A mapping has the same key twice; YAML would silently keep only one of them.",
  },
  unsupportedVersion: {
    code: "AK003",
    name: "unsupported-version",
    severity: "error",
    summary: "`archkit:` is missing or names a spec version this archkit does not read (it reads version 1).",
  },
  includeNotFound: {
    code: "AK004",
    name: "include-not-found",
    severity: "error",
    summary:
      "An `include:` entry names a file that does not exist or cannot be read, or a pattern that matches no file.",
  },
  includeCycle: {
    code: "AK005",
    name: "include-cycle",
    severity: "error",
    summary: "A file includes itself, directly or through the files it includes.",
  },
  includeOutside: {
    code: "AK006",
    name: "include-outside-project",
    severity: "error",
    summary:
      "An `include:` entry is an absolute path or leads out of the root spec's folder; included files live beside or below it.",
  },
  includeNotMapping: {
    code: "AK007",
    name: "include-not-mapping",
    severity: "error",
    summary: "An included file holds a list or a single value instead of a mapping of top-level keys.",
  },
  includeRootOnly: {
    code: "AK008",
    name: "include-root-only",
    severity: "error",
    summary:
      "An included file sets `archkit`, `system`, `gateway`, `quality` or `deployment`; those belong in the root spec only.",
  },
  duplicateDefinition: {
    code: "AK009",
    name: "duplicate-definition",
    severity: "error",
    summary:
      "Two files of one spec define the same name (a service, event, store, schema, flow, decision id, ...); the message names the first.",
  },
  unknownKey: {
    code: "AK010",
    name: "unknown-key",
    severity: "error",
    summary: "A key the spec format does not define, usually a typo; the hint names the closest valid key.",
  },
  missingKey: { code: "AK011", name: "missing-key", severity: "error", summary: "A required key is absent." },
  wrongType: {
    code: "AK012",
    name: "wrong-type",
    severity: "error",
    summary: "A value has the wrong type (a list where a mapping is expected, text where a number is expected, ...).",
  },
  invalidValue: {
    code: "AK013",
    name: "invalid-value",
    severity: "error",
    summary: "A value is not one of the allowed choices (HTTP method, store kind, decision status, ...).",
  },
  invalidDuration: {
    code: "AK014",
    name: "invalid-duration",
    severity: "error",
    summary: "A duration is not a number followed by ms, s, m, h, d or w (`80ms`, `1m`, `7d`).",
  },
  invalidPercentage: {
    code: "AK015",
    name: "invalid-percentage",
    severity: "error",
    summary: "A percentage is not a number followed by % (`99.9%`) or is above 100%.",
  },
  invalidName: {
    code: "AK016",
    name: "invalid-name",
    severity: "error",
    summary:
      "A name is not an identifier (letters and digits, starting with a letter) or the system name is not kebab-case.",
  },
  invalidFormat: {
    code: "AK017",
    name: "invalid-format",
    severity: "error",
    summary: "A value does not have the expected form (path, status code, reference syntax, size, ...).",
  },
  invalidNumber: {
    code: "AK018",
    name: "invalid-number",
    severity: "error",
    summary: "A number is out of range (negative replicas, zero partitions, ...).",
  },
  reservedKey: {
    code: "AK019",
    name: "reserved-key",
    severity: "error",
    summary: "A key is `__proto__`, which JavaScript drops when the spec is read: what it holds would vanish.",
  },
  invalidJsonSchema: {
    code: "AK020",
    name: "invalid-json-schema",
    severity: "error",
    summary:
      "A schema is not valid JSON Schema 2020-12, or the runtime could not compile it (unknown format, pattern that is no regular expression, `default` that is never applied).",
  },
  unknownReference: {
    code: "AK101",
    name: "unknown-reference",
    severity: "error",
    summary:
      "A name refers to nothing: a call to an unknown endpoint, an unknown event, store, schema, state machine, actor or flow entry.",
  },
  duplicateRoute: {
    code: "AK102",
    name: "duplicate-route",
    severity: "error",
    summary:
      "Two endpoints of one service share a method and path (paths that differ only in parameter names count as equal).",
  },
  callCycle: {
    code: "AK103",
    name: "call-cycle",
    severity: "error",
    summary: "Synchronous calls form a cycle; a request could wait on itself.",
  },
  eventWithoutProducer: {
    code: "AK104",
    name: "event-without-producer",
    severity: "error",
    summary: "An event is consumed or declared but no endpoint or consumer publishes it.",
  },
  eventWithoutConsumer: {
    code: "AK105",
    name: "event-without-consumer",
    severity: "warning",
    summary: "An event is published but no service consumes it.",
  },
  sharedStore: {
    code: "AK106",
    name: "shared-store",
    severity: "warning",
    summary:
      "A postgres or document store is used by more than one service (one writer per store). Cache stores may be shared.",
  },
  flowBudget: {
    code: "AK107",
    name: "flow-budget-exceeded",
    severity: "warning",
    summary: "The p95 budgets along a flow's synchronous chain add up to more than the flow's slo.",
  },
  missingDeadLetter: {
    code: "AK108",
    name: "missing-dead-letter",
    severity: "warning",
    summary: "A consumer has no dead-letter policy, so a message that keeps failing is dropped after its retries.",
  },
  unknownState: {
    code: "AK109",
    name: "unknown-state",
    severity: "error",
    summary: "A state machine's initial state, final state or transition names a state it does not declare.",
  },
  unreachableState: {
    code: "AK110",
    name: "unreachable-state",
    severity: "warning",
    summary: "A state cannot be reached from the initial state by any transition.",
  },
  pathParameter: {
    code: "AK111",
    name: "path-parameter",
    severity: "error",
    summary:
      "A `{param}` in an endpoint path is not declared in request.params, or a declared param is not in the path.",
  },
  eventKey: {
    code: "AK112",
    name: "event-key",
    severity: "error",
    summary: "An event's `key` is not a top-level property of its payload schema.",
  },
  handlerClash: {
    code: "AK113",
    name: "handler-clash",
    severity: "error",
    summary: "A consumer handler has the same name as an endpoint or another handler of the same service.",
  },
  gatewayRequired: {
    code: "AK114",
    name: "gateway-required",
    severity: "error",
    summary: "An endpoint is public or needs auth, but the spec has no gateway (or the gateway has no auth).",
  },
  unusedStore: {
    code: "AK115",
    name: "unused-store",
    severity: "warning",
    summary: "A store is declared but no service uses it.",
  },
  duplicateTopic: {
    code: "AK116",
    name: "duplicate-topic",
    severity: "error",
    summary: "Two events resolve to the same topic name.",
  },
  duplicatePort: {
    code: "AK117",
    name: "duplicate-port",
    severity: "error",
    summary: "Two services (or a service and the gateway) are given the same port.",
  },
  invalidRange: {
    code: "AK118",
    name: "invalid-range",
    severity: "error",
    summary: "Bounds contradict each other (scaling min above max, p95 above p99, ...).",
  },
  generatedNameClash: {
    code: "AK119",
    name: "generated-name-clash",
    severity: "error",
    summary:
      "Two spec names (or a spec name and a reserved one) would declare the same identifier in a service's generated TypeScript.",
  },
  reservedVariable: {
    code: "AK120",
    name: "reserved-variable",
    severity: "error",
    summary: "A service declares an environment variable that archkit sets for it from the model.",
  },
  dataLossMigration: {
    code: "AK121",
    name: "data-loss-migration",
    severity: "warning",
    summary:
      "A store's next or latest migration drops a table, column or collection, or narrows a column's type: the data it holds is lost.",
  },
  schemaRefCycle: {
    code: "AK122",
    name: "schema-ref-cycle",
    severity: "error",
    summary:
      "Named schemas refer to each other in a loop that never goes into a property or an item (`A: {$ref: B}`, `B: {allOf: [{$ref: A}]}`): validating any value would never end.",
  },
  unenforcedSecurityClaim: {
    code: "AK123",
    name: "unenforced-security-claim",
    severity: "warning",
    summary:
      "A claim under `quality.security` (TLS, encryption at rest, authentication, authorization) that nothing archkit generates enforces: no mesh, no encrypting StorageClass, no gateway auth, no role.",
  },
  internalRuleError: {
    code: "AK199",
    name: "internal-rule-error",
    severity: "error",
    summary: "A validation rule failed unexpectedly; the message names the rule. Please report it.",
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleKey = keyof typeof RULES;

export interface DiagnosticInput {
  readonly loc: Loc & { readonly length?: number };
  readonly message: string;
  readonly hint?: string;
  readonly length?: number;
  readonly severity?: Severity;
}

/** Build a diagnostic for one of the registered rules. */
export function diagnostic(rule: RuleKey, input: DiagnosticInput): Diagnostic {
  const info = RULES[rule];
  return {
    code: info.code,
    rule: info.name,
    severity: input.severity ?? info.severity,
    message: input.message,
    file: input.loc.file,
    line: input.loc.line,
    column: input.loc.column,
    ...(input.hint === undefined ? {} : { hint: input.hint }),
    ...((input.length ?? input.loc.length) === undefined ? {} : { length: input.length ?? input.loc.length }),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
