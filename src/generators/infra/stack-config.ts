import { isMap, isScalar, parseDocument, stringify } from "yaml";
import type { GeneratedFile, MergeResult } from "../fileset.js";
import type { InfraArchitecture } from "./types.js";

type Setting = readonly [key: string, value: string | number | boolean];

/**
 * The settings a new stack starts with: the image tag and the environment's replicas, ingress and
 * infrastructure mode. Keys without the project prefix (`imageTag`).
 */
export function stackSettings(architecture: InfraArchitecture, environment: string): readonly Setting[] {
  const env = architecture.environments[environment];
  if (env === undefined) throw new Error(`no environment "${environment}" in the architecture`);
  return [
    ["imageTag", architecture.version],
    ["infrastructure", env.infrastructure],
    ...(env.replicas === null ? [] : [["replicas", env.replicas] as const]),
    ...(env.ingressHost === null
      ? []
      : ([
          ["ingressHost", env.ingressHost],
          ["ingressTls", env.ingressTls],
        ] as const)),
  ];
}

/** Settings a release changes on purpose; a difference from the spec is no news. */
const RELEASE_SETTINGS = new Set(["imageTag"]);

/**
 * `infra/Pulumi.<env>.yaml`: the user's once written, because `pulumi config set` stores the stack's
 * secrets (encrypted) and overrides in it. Later runs add settings the spec introduces, never change
 * a value, and note where the file and the spec disagree.
 */
export function stackConfigFile(architecture: InfraArchitecture, environment: string): GeneratedFile {
  const path = `infra/Pulumi.${environment}.yaml`;
  const settings = stackSettings(architecture, environment);
  const config = Object.fromEntries(settings.map(([key, value]) => [`${architecture.system}:${key}`, value]));
  const content = `${intro(architecture, environment).join("\n")}\n${stringify({ config })}`;
  return {
    kind: "scaffold",
    path,
    content,
    merge: (existing) => mergeStackConfig(existing, path, architecture.system, environment, settings),
  };
}

function intro(architecture: InfraArchitecture, environment: string): string[] {
  const env = architecture.environments[environment];
  const modes = new Set(["always", env?.infrastructure ?? "in-cluster"]);
  const required = architecture.requiredConfig.filter((c) => modes.has(c.mode));
  const commands = required.map(
    (c) => `#   pulumi config set ${c.secret ? "--secret " : ""}${c.key} <value> -s ${environment}   # ${c.about}`,
  );
  return [
    `# Stack settings of the "${environment}" environment, created by archkit from architecture.yaml.`,
    ...(env?.description ? [`# ${env.description}`] : []),
    "# This file is yours: archkit adds settings the spec introduces but never changes a value here.",
    ...(commands.length > 0
      ? ["#", "# Set these before `pulumi up` (secrets are stored here encrypted, never in plain text):", ...commands]
      : []),
  ];
}

export function mergeStackConfig(
  existing: string,
  path: string,
  project: string,
  environment: string,
  settings: readonly Setting[],
): MergeResult {
  const doc = parseDocument(existing);
  const config = doc.get("config", true);
  if (doc.errors.length > 0 || (config !== undefined && !isMap(config))) {
    return { content: existing, notes: [`${path} is not a readable stack file, so archkit left it alone`] };
  }
  const notes: string[] = [];
  let added = false;
  for (const [key, value] of settings) {
    const name = `${project}:${key}`;
    const current = doc.getIn(["config", name], true);
    if (current === undefined) {
      doc.setIn(["config", name], value);
      added = true;
    } else if (!RELEASE_SETTINGS.has(key) && isScalar(current) && String(current.value) !== String(value)) {
      notes.push(
        `${path} keeps ${name}: ${String(current.value)} where the spec says ${String(value)}; \`pulumi config set ${key} ${String(value)} -s ${environment}\` follows the spec`,
      );
    }
  }
  return { content: added ? doc.toString() : existing, notes };
}
