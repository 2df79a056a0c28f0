import type { Endpoint, Model } from "archkit/model";
import { ContractFailure, declared, problemsOf, schemaName, type SampleRequest, type TestContext } from "./model.js";
import { handlerFindings } from "./findings.js";
import { send, type Reply, type Target } from "./target.js";

/** Which answers to a valid request pass: any declared one below 500, or a declared 2xx (a flow's example must succeed). */
export type Expectation = "declared" | "2xx";

/**
 * A valid request gets a declared status and a body matching that status's schema. When the
 * services run here and the answer is wrong, the message also says what the handler returned and
 * which fields break the schema (the service itself answers 500 rather than send it).
 */
export async function checkValid(ctx: TestContext, target: Target, endpoint: Endpoint, request: SampleRequest, expectation: Expectation): Promise<void> {
  const reply = await send(ctx, target, endpoint, request, "valid");
  const response = endpoint.responses.find((r) => r.status === reply.status);
  const problems: string[] = [];
  if (!response || reply.status >= 500) {
    problems.push(`answered ${reply.status} to a valid request; it declares ${declared(endpoint)}`);
  } else if (expectation === "2xx" && (reply.status < 200 || reply.status > 299)) {
    problems.push(`answered ${reply.status} to the flow's example, which must succeed with a 2xx`);
  } else if (response.schema) {
    const broken = problemsOf(target.model, response.schema, reply.body);
    if (broken.length > 0) problems.push(`answered ${reply.status} with a body that breaks ${schemaName(response.schema)}: ${broken.join("; ")}`);
  } else if (reply.body !== undefined) {
    problems.push(`answered ${reply.status} with a body, but the spec declares none for ${reply.status}`);
  }
  if (problems.length > 0) fail(endpoint, reply, problems, handlerFindings(target, endpoint, reply.correlationId, reply.status));
}

/** An invalid request gets 400 problem+json naming the broken field. */
export async function checkInvalid(ctx: TestContext, target: Target, endpoint: Endpoint, request: SampleRequest, pointer: string): Promise<void> {
  const reply = await send(ctx, target, endpoint, request, "valid");
  const problems = problemShape(target.model, reply, 400);
  const errors = (reply.body as { errors?: unknown } | undefined)?.errors;
  if (reply.status === 400 && Array.isArray(errors) && !errors.some((e: { pointer?: unknown }) => typeof e.pointer === "string" && e.pointer.startsWith(pointer))) {
    problems.push(`the problem's errors do not name ${pointer}: ${JSON.stringify(errors)}`);
  }
  if (problems.length > 0) fail(endpoint, reply, problems, []);
}

/** `auth: required` without a token gets 401; a role endpoint with another role gets 403. */
export async function checkRefused(ctx: TestContext, target: Target, endpoint: Endpoint, request: SampleRequest, status: 401 | 403): Promise<void> {
  const reply = await send(ctx, target, endpoint, request, status === 401 ? "none" : "wrong-role");
  const problems = problemShape(target.model, reply, status);
  if (problems.length > 0) fail(endpoint, reply, problems, []);
}

function problemShape(model: Model, reply: Reply, status: number): string[] {
  if (reply.status !== status) return [`answered ${reply.status}, expected ${status}`];
  const out: string[] = [];
  if (!reply.contentType.startsWith("application/problem+json")) out.push(`answered ${status} as ${reply.contentType || "no content type"}, expected application/problem+json`);
  const problem = model.schemas.find((s) => s.id === "Problem");
  if (problem) {
    const broken = problemsOf(model, { kind: "named", name: problem.id, source: [] }, reply.body);
    if (broken.length > 0) out.push(`its problem body breaks Problem: ${broken.join("; ")}`);
  }
  return out;
}

function fail(endpoint: Endpoint, reply: Reply, problems: readonly string[], findings: readonly string[]): never {
  const lines = [`${endpoint.id} (${reply.method} ${new URL(reply.url).pathname}) ${problems.join("; ")}`, ...findings.map((f) => `  ${f}`)];
  const detail = (reply.body as { detail?: unknown } | undefined)?.detail;
  if (typeof detail === "string") lines.push(`  answer: ${detail}`);
  lines.push(`  request id: ${reply.correlationId}`);
  throw new ContractFailure(lines.join("\n"));
}
