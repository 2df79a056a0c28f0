import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { archkit, type CliResult, ROOT, tempDir } from "./helpers.js";

const SPEC = `archkit: 1
system: { name: mini, title: Mini }
gateway:
  auth: { kind: jwt, issuer: mini, audience: mini-api, secretEnv: MINI_SECRET }
services:
  orders:
    endpoints:
      listOrders: { method: GET, path: /orders, public: true, auth: "role:customer", responses: { 200: { type: object } } }
`;

async function project(spec = SPEC): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, "architecture.yaml"), spec);
  return dir;
}

function withEnv(args: readonly string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(ROOT, "bin/archkit.js"), ...args],
      { cwd, env: { ...process.env, ...env } },
      (e, stdout, stderr) => resolve({ code: e ? Number(e.code) : 0, stdout, stderr }),
    ),
  );
}

const verify = (token: string, secret: string) =>
  jwtVerify(token, new TextEncoder().encode(secret), { issuer: "mini", audience: "mini-api" });

describe("archkit token", () => {
  it("signs with the project's stable dev secret, kept git-ignored under .archkit/", async () => {
    const dir = await project();
    const first = await archkit(["token", "--user", "alice", "--roles", "customer,admin", "--ttl", "2h"], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe("token for alice (customer, admin), valid 2h, signed with .archkit/dev-secret (new)\n");
    const secret = (await readFile(join(dir, ".archkit/dev-secret"), "utf8")).trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await readFile(join(dir, ".archkit/.gitignore"), "utf8")).split("\n")).toContain("dev-secret");
    const { payload } = await verify(first.stdout.trim(), secret);
    expect(payload).toMatchObject({ sub: "alice", roles: ["customer", "admin"] });
    expect(payload.exp! - payload.iat!).toBe(7200);
    const second = await archkit(["token", "--user", "bob"], dir);
    expect(second.stderr).toContain("signed with .archkit/dev-secret\n");
    expect((await verify(second.stdout.trim(), secret)).payload.sub).toBe("bob");
  });

  it("signs with the gateway's secret variable when it is set, and prints JSON on request", async () => {
    const dir = await project();
    const result = await withEnv(["token", "--user", "carol", "--json"], dir, { MINI_SECRET: "s3cret" });
    expect(result.stderr).toContain("signed with $MINI_SECRET");
    const issued = JSON.parse(result.stdout) as { accessToken: string; tokenType: string; expiresIn: number };
    expect(issued).toMatchObject({ tokenType: "Bearer", expiresIn: 3600 });
    expect((await verify(issued.accessToken, "s3cret")).payload.sub).toBe("carol");
  });

  it("says what is wrong, in one line: a bad --ttl, a spec without auth, no --user", async () => {
    const dir = await project();
    const ttl = await archkit(["token", "--user", "a", "--ttl", "soon"], dir);
    expect(ttl).toMatchObject({ code: 1 });
    expect(ttl.stderr).toContain('archkit: --ttl "soon" is not a duration of a second or more');
    const open = await project(
      "archkit: 1\nsystem: { name: open, title: Open }\nservices:\n  a:\n    endpoints:\n      ping: { method: GET, path: /ping, responses: { 200: { type: object } } }\n",
    );
    const none = await archkit(["token", "--user", "a"], open);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("declares no gateway auth, so no endpoint needs a token");
    expect((await archkit(["token"], dir)).stderr).toContain("required option '--user <id>' not specified");
  });

  it("has help with examples", async () => {
    const help = await archkit(["token", "--help"]);
    expect(help.stdout).toContain("$ archkit token --user alice --roles customer");
  });
});
