import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { type Io, UserError } from "./io.js";
import { loadValidSpec } from "./spec.js";

export interface TokenOptions {
  readonly user: string;
  /** Comma-separated roles. */
  readonly roles?: string;
  /** A duration such as `1h` or `30m` (default 1h). */
  readonly ttl?: string;
  /** The spec, relative to the project (default `architecture.yaml`). */
  readonly spec?: string;
  /** Print `{ accessToken, tokenType, expiresIn }` as JSON instead of the bare token. */
  readonly json?: boolean;
}

/**
 * Print a token the gateway of `archkit dev`, the contract tests and `archkit sla` accept: signed
 * with the gateway secret of the environment when set, else the project's `.archkit/dev-secret`.
 * The token alone goes to stdout (for `$(archkit token ...)`), what signed it to stderr.
 *
 * @example
 * await runToken(io, "examples/shop", { user: "alice", roles: "customer", spec: "../../architecture.yaml" });
 */
export async function runToken(io: Io, dir: string | undefined, options: TokenOptions): Promise<number> {
  const project = resolve(io.cwd, dir ?? ".");
  const loaded = await loadValidSpec(io, resolve(project, options.spec ?? "architecture.yaml"), "no token was issued");
  if (!loaded) return 1;
  const auth = loaded.model.gateway?.auth;
  if (!auth)
    throw new UserError(
      `${relative(io.cwd, loaded.file) || loaded.file} declares no gateway auth, so no endpoint needs a token`,
      "add gateway.auth (kind: jwt) to the spec to protect endpoints",
    );
  const roles = (options.roles ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  const ttl = await ttlSeconds(options.ttl ?? "1h");
  const [{ signingSecret }, { issueToken }] = await Promise.all([
    import("../dev/secret.js"),
    import("../runtime/gateway/tokens.js"),
  ]);
  const source = await signingSecret(project, auth.secretEnv, process.env);
  const token = await issueToken({ sub: options.user, roles }, { auth, secret: source.secret, expiresIn: ttl });
  io.out(options.json ? JSON.stringify(token) : token.accessToken);
  const signer =
    source.kind === "env" ? `$${source.variable}` : `${relative(io.cwd, source.file)}${source.created ? " (new)" : ""}`;
  io.err(
    `token for ${options.user}${roles.length > 0 ? ` (${roles.join(", ")})` : ""}, valid ${options.ttl ?? "1h"}, signed with ${signer}`,
  );
  return 0;
}

async function ttlSeconds(text: string): Promise<number> {
  const { parseDuration } = await import("../model/units.js");
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms) || ms < 1000)
    throw new UserError(
      `--ttl "${text}" is not a duration of a second or more`,
      "use e.g. --ttl 30m, --ttl 1h or --ttl 7d",
    );
  return Math.round(ms / 1000);
}

export function registerToken(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("token")
    .description("print a token for the gateway of `archkit dev`, the contract tests and `archkit sla`")
    .argument("[dir]", "the project (where .archkit/dev-secret is kept)", ".")
    .requiredOption("--user <id>", "the token's subject (sub)")
    .option("--roles <roles>", "comma-separated roles, e.g. customer,admin")
    .option("--ttl <duration>", "how long it is valid, e.g. 30m, 1h, 7d", "1h")
    .option("--spec <file>", "the spec, relative to the project", "architecture.yaml")
    .option("--json", "print { accessToken, tokenType, expiresIn } as JSON")
    .addHelpText(
      "after",
      [
        "",
        "Signed with the gateway's secret variable (gateway.auth.secretEnv, e.g. JWT_SECRET) when it is set,",
        "else with .archkit/dev-secret, the secret `archkit dev` uses (created on first use, git-ignored).",
        "",
        "Examples:",
        "  $ archkit token --user alice --roles customer",
        '  $ curl -H "Authorization: Bearer $(archkit token --user alice --roles customer)" http://127.0.0.1:3000/orders',
        "  $ archkit token examples/shop --spec ../../architecture.yaml --user admin --roles admin --ttl 8h",
      ].join("\n"),
    )
    .action(async (dir: string, options: TokenOptions) => setExit(await runToken(io, dir, options)));
}
