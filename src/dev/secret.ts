import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ignoreLocally } from "./local-files.js";

/** Where a project keeps the secret `archkit dev` signs and checks tokens with (git-ignored). */
export const DEV_SECRET_FILE = ".archkit/dev-secret";

type Env = Readonly<Record<string, string | undefined>>;

/** Where the gateway's signing secret comes from: the environment, or the project's dev secret. */
export type SecretSource =
  | { readonly kind: "env"; readonly variable: string; readonly secret: string }
  | { readonly kind: "file"; readonly file: string; readonly secret: string; readonly created: boolean };

/**
 * The project's dev signing secret: read from `.archkit/dev-secret`, or created there (random,
 * mode 0600) on first use, and listed in `.archkit/.gitignore` so it is never committed.
 *
 * @example
 * const { secret } = await devSecret("examples/shop");
 */
export async function devSecret(projectDir: string): Promise<Extract<SecretSource, { kind: "file" }>> {
  const file = join(projectDir, DEV_SECRET_FILE);
  const existing = (await readFile(file, "utf8").catch(() => undefined))?.trim();
  await ignoreLocally(projectDir, "dev-secret");
  if (existing) return { kind: "file", file, secret: existing, created: false };
  const secret = randomBytes(32).toString("hex");
  await mkdir(join(projectDir, ".archkit"), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { kind: "file", file, secret, created: true };
}

/** The project's dev secret when it has one; never creates it. */
export async function existingDevSecret(projectDir: string): Promise<string | undefined> {
  const text = await readFile(join(projectDir, DEV_SECRET_FILE), "utf8").catch(() => undefined);
  return text?.trim() || undefined;
}

/**
 * The secret tokens are signed with: `env[variable]` when set, else the project's dev secret
 * (created when missing), the same choice `archkit dev` makes.
 *
 * @example
 * const source = await signingSecret("examples/shop", "JWT_SECRET", process.env);
 */
export async function signingSecret(projectDir: string, variable: string, env: Env): Promise<SecretSource> {
  const value = env[variable];
  if (value !== undefined && value !== "") return { kind: "env", variable, secret: value };
  return devSecret(projectDir);
}
