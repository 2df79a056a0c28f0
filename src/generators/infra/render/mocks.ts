import { runProgram, type ProgramFile } from "./loader.js";
import type { PulumiSdk } from "./sdk.js";

/** One Kubernetes object the program declared, as plain data with secrets redacted. */
export interface RenderedObject {
  /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
  readonly type: string;
  readonly kind: string;
  readonly name: string;
  readonly manifest: Readonly<Record<string, unknown>>;
}

export interface ProgramRun {
  readonly objects: readonly RenderedObject[];
  /** The stack outputs (`export const ...` of index.ts). */
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface MockRunOptions {
  readonly project: string;
  readonly stack: string;
  /** Full keys (`shop:imageTag`) to string values. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
}

/** What a redacted secret reads as in rendered manifests. */
export const REDACTED = "<redacted>";

// How the Pulumi SDK marks a secret value in resource inputs.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Run the (transpiled) program under Pulumi's mocks (no CLI, no engine, no cluster): every resource it
 * registers is recorded with its inputs instead of being created.
 */
export async function runUnderMocks(
  sdk: PulumiSdk,
  files: readonly ProgramFile[],
  options: MockRunOptions,
): Promise<ProgramRun> {
  const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
  await sdk.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    options.project,
    options.stack,
    false,
  );
  sdk.runtime.setAllConfig(options.config, options.secretKeys);
  const exports = runProgram(files, "index.js", sdk.modules);
  await sdk.runtime.waitForRPCs();
  const outputs = await resolveOutputs(sdk, exports);
  const objects = registered.filter((r) => r.type.startsWith("kubernetes:")).map(toObject);
  return { objects, outputs };
}

function toObject(resource: { type: string; name: string; inputs: Record<string, unknown> }): RenderedObject {
  const manifest = plain(resource.inputs) as Record<string, unknown>;
  const metadata = (manifest.metadata ?? {}) as { name?: unknown };
  return {
    type: resource.type,
    kind: String(manifest.kind ?? resource.type.slice(resource.type.lastIndexOf(":") + 1)),
    name: String(metadata.name ?? resource.name),
    manifest,
  };
}

/** Inputs as plain data: secret-marked values become REDACTED, keeping their shape. */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return redact(plain(record.value));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  return REDACTED;
}

async function resolveOutputs(sdk: PulumiSdk, exports: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(exports).map(
      ([name, value]) =>
        new Promise<[string, unknown]>((resolve) => {
          sdk.output(value).apply((resolved) => {
            resolve([name, plain(resolved)]);
            return resolved;
          });
        }),
    ),
  );
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}
