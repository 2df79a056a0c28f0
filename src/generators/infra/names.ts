export {
  configKeyOfVariable,
  envName,
  k8sName,
  sqlName,
  topicObjectName,
  urlVariable,
} from "../../model/naming.js";

export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unique values, sorted. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(byText);
}

/** The stack secret from which every workload's signing key is derived (as the runtime's deriveWorkloadKey does). */
export const IDENTITY_SECRET = "identitySecret";
