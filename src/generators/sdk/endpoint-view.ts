import { unreachable } from "../../model/errors.js";
import {
  type Auth,
  type ComputedModel,
  type Endpoint,
  type Parameter,
  type SchemaUse,
  typeName,
} from "../../model/index.js";
import { pathSegments } from "../../model/path-template.js";
import { schemaToType, type TypeNaming } from "../services/ts-types.js";

/** Inside a service module of the SDK, named schemas are members of its `schemas` namespace import. */
const NAMING: TypeNaming = { ref: (name) => `schemas.${name}` };

/** What templates/sdk/service.ts.hbs renders for one public endpoint. */
export interface EndpointView {
  readonly name: string;
  readonly type: string;
  readonly method: Endpoint["method"];
  readonly path: string;
  readonly summary: string | undefined;
  readonly authText: string | undefined;
  /** The auth column of the README's endpoint table. */
  readonly authCell: string;
  /** A type literal (with `requestIsObject`) or a type expression. */
  readonly request: string;
  readonly requestIsObject: boolean;
  /** Every member of the request is optional: the method may be called without one. */
  readonly requestOptional: boolean;
  readonly answers: readonly string[];
  /** The first success status, for examples. */
  readonly successStatus: number | undefined;
  readonly pathExpression: string;
  readonly auth: boolean;
  /** A TypeScript array of the statuses the result lists; undefined when it lists none (any status is an answer). */
  readonly statuses: string | undefined;
  readonly hasQuery: boolean;
  readonly hasHeaders: boolean;
  readonly hasBody: boolean;
  readonly usesSegment: boolean;
}

/** The type of a schema use in an SDK service module. */
export function sdkType(use: SchemaUse | undefined, indent = ""): string {
  if (!use) return "undefined";
  return use.kind === "named" ? NAMING.ref(use.name) : schemaToType(use.schema, NAMING, indent);
}

/**
 * One public endpoint as the SDK calls it through the gateway: its request members (params,
 * query, headers, body) and every answer it has, the gateway's own problems (401, 403, 429) included.
 */
export function endpointView(computed: ComputedModel, endpoint: Endpoint): EndpointView {
  const members = requestMembers(endpoint);
  const answers = answersOf(computed, endpoint);
  const statuses = answers.map((a) => a.status);
  return {
    name: endpoint.name,
    type: typeName(endpoint.name),
    method: endpoint.method,
    path: endpoint.path,
    summary: endpoint.summary?.replace(/\s+/g, " ").replace(/\*\//g, "*\\/").replace(/\.$/, ""),
    authText: authText(endpoint.auth),
    authCell:
      endpoint.auth.kind === "none"
        ? "none"
        : endpoint.auth.kind === "role"
          ? `token, role \`${endpoint.auth.role}\``
          : "token",
    request: members.length === 0 ? "Record<string, never>" : `{\n${members.map((m) => m.text).join("\n")}\n}`,
    requestIsObject: members.length > 0,
    requestOptional: members.every((m) => m.optional),
    answers: answers.length === 0 ? ["Answer<number, unknown>"] : answers.map((a) => `Answer<${a.status}, ${a.body}>`),
    successStatus: statuses.find((s) => s >= 200 && s < 300),
    pathExpression: pathExpression(endpoint),
    auth: endpoint.auth.kind !== "none",
    statuses: answers.length === 0 ? undefined : `[${statuses.join(", ")}]`,
    hasQuery: endpoint.request.query.length > 0,
    hasHeaders: endpoint.request.headers.length > 0,
    hasBody: endpoint.request.body !== undefined,
    usesSegment: endpoint.pathParams.length > 0,
  };
}

interface Member {
  readonly text: string;
  readonly optional: boolean;
}

function requestMembers(endpoint: Endpoint): Member[] {
  const members: Member[] = [];
  const { request } = endpoint;
  if (endpoint.pathParams.length > 0) {
    const params = endpoint.pathParams.map((name) => {
      const declared = request.params.find((p) => p.name === name);
      return `    readonly ${memberName(name)}: ${declared ? sdkType(declared.schema, "    ") : "string"};`;
    });
    members.push({ text: `  readonly params: {\n${params.join("\n")}\n  };`, optional: false });
  }
  if (request.query.length > 0)
    members.push({ text: `  readonly query?: {\n${optionalMembers(request.query)}\n  };`, optional: true });
  if (request.headers.length > 0)
    members.push({ text: `  readonly headers?: {\n${optionalMembers(request.headers)}\n  };`, optional: true });
  if (request.body) members.push({ text: `  readonly body: ${sdkType(request.body, "  ")};`, optional: false });
  return members;
}

function optionalMembers(parameters: readonly Parameter[]): string {
  return parameters.map((p) => `    readonly ${memberName(p.name)}?: ${sdkType(p.schema, "    ")};`).join("\n");
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function memberName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function access(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** Declared answers and the gateway's own; none when the endpoint declares no response (then any status is an answer). */
function answersOf(computed: ComputedModel, endpoint: Endpoint): { status: number; body: string }[] {
  if (endpoint.responses.length === 0) return [];
  const declared = endpoint.responses.map((r) => ({ status: r.status, body: sdkType(r.schema) }));
  const added = computed
    .gatewayStatusesOf(endpoint)
    .filter((status) => !declared.some((d) => d.status === status))
    .map((status) => ({ status, body: NAMING.ref("Problem") }));
  return [...declared, ...added].sort((a, b) => a.status - b.status);
}

/** The path as a TypeScript expression: a string literal, or a template literal filling each `{name}`. */
function pathExpression(endpoint: Endpoint): string {
  const segments = pathSegments(endpoint.path);
  if (segments.every((s) => s.kind === "literal"))
    return JSON.stringify(`/${segments.map((s) => (s.kind === "literal" ? s.text : "")).join("/")}`);
  const escape = (text: string) => text.replace(/[`\\$]/g, (c) => `\\${c}`);
  const parts = segments.map((s) =>
    s.kind === "literal" ? escape(s.text) : `\${segment(request.params${access(s.name)}, ${JSON.stringify(s.name)})}`,
  );
  return `\`/${parts.join("/")}\``;
}

function authText(auth: Auth): string | undefined {
  switch (auth.kind) {
    case "none":
      return undefined;
    case "required":
      return "Needs a bearer token (`token` of the client options).";
    case "role":
      return `Needs a bearer token with the role \`${auth.role}\`.`;
    default:
      return unreachable(auth);
  }
}
