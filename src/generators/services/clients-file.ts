import {
  CALLS_TYPE,
  type Call,
  callTypeNames,
  type ComputedModel,
  type ComputedService,
  type Endpoint,
  type Parameter,
  type Response,
  type SchemaUse,
} from "../../model/index.js";
import { render } from "./templates.js";
import { schemaToType, type TypeNaming } from "./ts-types.js";

/** The namespace `clients.ts` imports the shared schema types under, so no schema name can clash with a call's types. */
const SCHEMAS = "Schemas";
const PROBLEM = "Problem";
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Writes type expressions for one file, remembering whether they referred to the shared schemas. */
class TypeWriter {
  usesSchemas = false;
  usesProblem = false;
  private readonly naming: TypeNaming = {
    ref: (name) => {
      this.usesSchemas = true;
      return `${SCHEMAS}.${name}`;
    },
  };

  use(use: SchemaUse | undefined): string {
    if (!use) return "undefined";
    return use.kind === "named" ? this.naming.ref(use.name) : schemaToType(use.schema, this.naming);
  }

  /** An error answer declared as `Problem` is RFC 9457 problem details: the runtime's `ProblemDetails`. */
  answer(response: Response): string {
    const schema = response.schema;
    const problem = response.status >= 400 && schema?.kind === "named" && schema.name === PROBLEM;
    if (problem) this.usesProblem = true;
    return `CallResult<${response.status}, ${problem ? "ProblemDetails" : this.use(schema)}>`;
  }

  record(members: readonly { readonly name: string; readonly type: string }[], required: boolean): string {
    if (members.length === 0) return "Record<string, never>";
    const lines = members.map(
      (m) => `  ${IDENT.test(m.name) ? m.name : JSON.stringify(m.name)}${required ? "" : "?"}: ${m.type};`,
    );
    return `{\n${lines.join("\n")}\n}`;
  }

  parameters(params: readonly Parameter[]): { readonly name: string; readonly type: string }[] {
    return params.map((p) => ({ name: p.name, type: this.use(p.schema) }));
  }
}

/** Every `{name}` of the path, typed by its declared parameter (a bare string when undeclared). */
function pathParams(writer: TypeWriter, endpoint: Endpoint) {
  const declared = new Map(writer.parameters(endpoint.request.params).map((p) => [p.name, p.type]));
  return endpoint.pathParams.map((name) => ({ name, type: declared.get(name) ?? "string" }));
}

function callView(computed: ComputedModel, writer: TypeWriter, call: Call & { readonly kind: "endpoint" }) {
  const endpoint = computed.endpoint(call.target);
  const answers = computed.answersOf(endpoint.id).map((r) => writer.answer(r));
  return {
    call: call.target,
    method: endpoint.method,
    path: endpoint.path,
    summary: endpoint.summary,
    names: callTypeNames(call.target),
    params: writer.record(pathParams(writer, endpoint), true),
    query: writer.record(writer.parameters(endpoint.request.query), false),
    body: writer.use(endpoint.request.body),
    headers: writer.record(writer.parameters(endpoint.request.headers), false),
    result: answers.length === 0 ? "never" : answers.join("\n  | "),
    statuses: computed.answersOf(endpoint.id).map((r) => r.status),
  };
}

/**
 * `generated/clients.ts`: for every call the service makes to a service endpoint, the callee's
 * params, query, body and headers types and its result union (one `CallResult` per status
 * `computed.answersOf` lists), and `Calls`, which types `ctx.deps.clients`.
 */
export function clientsFile(computed: ComputedModel, service: ComputedService): string {
  const writer = new TypeWriter();
  const calls = service.calls
    .flatMap((c) => (c.kind === "endpoint" ? [c] : []))
    .sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0))
    .map((c) => callView(computed, writer, c));
  const runtime = calls.length === 0 ? [] : ["CallResult", ...(writer.usesProblem ? ["ProblemDetails"] : [])];
  return render("generated/clients.ts", {
    id: service.id,
    calls,
    calls_type: CALLS_TYPE,
    runtime,
    schemas: writer.usesSchemas ? SCHEMAS : undefined,
  });
}
