import { isMap, isScalar, parseDocument } from "yaml";
import { stackSettings } from "../stack-config.js";
import type { InfraArchitecture } from "../types.js";

export interface StackValues {
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  readonly notes: readonly string[];
}

/**
 * The configuration a render runs with: the settings a new stack starts with, overridden by the
 * plain values of the user's `Pulumi.<env>.yaml` when there is one. Secrets are never read (they
 * are encrypted there anyway): every secret setting gets a placeholder, which renders redacted.
 */
export function stackValues(
  architecture: InfraArchitecture,
  environment: string,
  stackFile: string | undefined,
): StackValues {
  const project = architecture.system;
  const config: Record<string, string> = Object.fromEntries(
    stackSettings(architecture, environment).map(([key, value]) => [`${project}:${key}`, String(value)]),
  );
  Object.assign(config, plainValues(stackFile));
  const mode = config[`${project}:infrastructure`];
  const notes: string[] = [];
  const secretKeys: string[] = [];
  for (const setting of architecture.requiredConfig.filter((c) => c.mode === "always" || c.mode === mode)) {
    const key = `${project}:${setting.key}`;
    if (setting.secret) {
      config[key] = setting.placeholder;
      secretKeys.push(key);
    } else if (config[key] === undefined) {
      config[key] = setting.placeholder;
      notes.push(`${setting.key} is not set for ${environment}; rendered as ${setting.placeholder}`);
    }
  }
  return { config, secretKeys, notes };
}

/** The plain (non-secure) scalar settings of a stack file. */
function plainValues(stackFile: string | undefined): Record<string, string> {
  if (stackFile === undefined) return {};
  const doc = parseDocument(stackFile);
  const config = doc.get("config", true);
  if (doc.errors.length > 0 || !isMap(config)) return {};
  const values: Record<string, string> = {};
  for (const pair of config.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && pair.value.value !== null)
      values[String(pair.key.value)] = String(pair.value.value);
  }
  return values;
}
