import type { Endpoint } from "archkit/model";
import { problemsOf, schemaName } from "./model.js";
import type { Target } from "./target.js";

/**
 * What the handler returned for one request, judged against the spec, or what it threw (services
 * started in this process only): the service answers 500 rather than send a wrong body, so this is
 * where the broken field is named.
 */
export function handlerFindings(target: Target, endpoint: Endpoint, correlationId: string, status: number): string[] {
  const recorded = target.local?.handlers.answerTo(endpoint.id, correlationId);
  if (!recorded) return [];
  if (recorded.kind === "threw") return status >= 500 ? [`the handler threw: ${recorded.error}`] : [];
  const { answer } = recorded;
  const response = endpoint.responses.find((r) => r.status === answer.status);
  if (!response) return [`the handler answered ${answer.status}, a status the spec does not declare for ${endpoint.id}`];
  if (!response.schema) return answer.body === undefined ? [] : [`the handler answered ${answer.status} with a body, but the spec declares none`];
  if (answer.body === undefined && response.schema.kind === "named" && response.schema.name === "Problem") return [];
  const sent: unknown = answer.body === undefined ? undefined : JSON.parse(JSON.stringify(answer.body));
  const broken = problemsOf(target.model, response.schema, sent);
  return broken.length === 0 ? [] : [`the handler answered ${answer.status} with a body that breaks ${schemaName(response.schema)}: ${broken.join("; ")}`];
}
