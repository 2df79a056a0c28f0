import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ArchkitError } from "../../../model/errors.js";

/** The part of @pulumi/pulumi the renderer drives; the program itself uses all of it. */
export interface PulumiRuntime {
  setMocks(mocks: PulumiMocks, project?: string, stack?: string, preview?: boolean): Promise<void>;
  setAllConfig(config: Readonly<Record<string, string>>, secretKeys?: readonly string[]): void;
  waitForRPCs(): Promise<void>;
}

export interface PulumiMocks {
  newResource(args: { readonly type: string; readonly name: string; readonly inputs: Record<string, unknown> }): {
    id: string;
    state: Record<string, unknown>;
  };
  call(args: { readonly token: string; readonly inputs: Record<string, unknown> }): Record<string, unknown>;
}

export interface PulumiSdk {
  readonly runtime: PulumiRuntime;
  /** `pulumi.output(x)`, to read the program's stack outputs. */
  readonly output: (value: unknown) => { apply(f: (value: unknown) => unknown): unknown };
  /** What the program's `require("@pulumi/pulumi")` and `require("@pulumi/kubernetes")` return. */
  readonly modules: Readonly<Record<string, unknown>>;
  /** The folder the SDK was loaded from. */
  readonly from: string;
}

export const SDK_PACKAGES = ["@pulumi/pulumi", "@pulumi/kubernetes"] as const;

/** Neither the infra folder nor archkit has the Pulumi SDK installed. */
export class PulumiSdkMissingError extends ArchkitError {
  override readonly name = "PulumiSdkMissingError";
  override readonly code = "pulumi-sdk-missing";
}

type Require = NodeJS.Require;

/**
 * Load @pulumi/pulumi and @pulumi/kubernetes from the generated project's `node_modules` when it
 * has them, else from archkit's own dependencies (`own`, replaceable for tests).
 */
export function loadPulumiSdk(infraDir: string, own: Require = createRequire(import.meta.url)): PulumiSdk {
  const local = existsSync(join(infraDir, "node_modules", "@pulumi", "pulumi"))
    ? createRequire(join(infraDir, "index.js"))
    : undefined;
  for (const require of local ? [local, own] : [own]) {
    const sdk = tryLoad(require);
    if (sdk) return sdk;
  }
  throw new PulumiSdkMissingError(
    `the Pulumi SDK (${SDK_PACKAGES.join(", ")}) is not installed; run \`npm install\` in ${infraDir}`,
  );
}

function tryLoad(require: Require): PulumiSdk | undefined {
  let paths: string[];
  try {
    paths = SDK_PACKAGES.map((name) => require.resolve(name));
  } catch {
    return undefined;
  }
  const modules = Object.fromEntries(SDK_PACKAGES.map((name, i) => [name, require(paths[i]!)])) as Record<
    string,
    unknown
  >;
  const pulumi = modules["@pulumi/pulumi"] as { runtime: PulumiRuntime; output: PulumiSdk["output"] };
  return { runtime: pulumi.runtime, output: pulumi.output, modules, from: paths[0]! };
}
