import { access, appendFile, cp, mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { archkit, ROOT, tempDir } from "../../cli/helpers.js";
import { runVitest } from "./project.js";

const SHOP = join(ROOT, "examples", "shop");
const hasShop = await access(join(SHOP, "services", "model.json")).then(() => true, () => false);

/** A copy of examples/shop (the root spec, its services and handlers) with its contract tests generated. */
async function shopProject(): Promise<string> {
  const dir = await tempDir();
  for (const name of ["services", "package.json", "tsconfig.json"]) await cp(join(SHOP, name), join(dir, name), { recursive: true });
  await cp(join(ROOT, "architecture.yaml"), join(dir, "architecture.yaml"));
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "archkit"));
  for (const name of ["@types", "vitest"]) await symlink(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  const generated = await archkit(["generate", "--only", "tests"], dir);
  if (generated.code !== 0) throw new Error(`archkit generate failed: ${generated.stderr}`);
  return dir;
}

describe.skipIf(!hasShop)("the shop's generated contract tests", () => {
  it("pass against the shop's implementation", async () => {
    const outcome = await runVitest(await shopProject());
    expect(outcome.failures).toEqual([]);
    expect(outcome.passed).toBeGreaterThan(60);
  }, 180_000);

  it("fail naming the field when users.register answers a field of the wrong type", async () => {
    const dir = await shopProject();
    const wrongName = [
      "",
      "const register = handlers.register;",
      "handlers.register = async (req) => {",
      "  const answer = await register(req);",
      "  return answer.status === 201 ? { ...answer, body: { ...answer.body, name: 42 as unknown as string } } : answer;",
      "};",
      "",
    ].join("\n");
    await appendFile(join(dir, "services", "users", "src", "handlers.ts"), wrongName);
    const outcome = await runVitest(dir, ["test/contracts/users.contract.test.ts"]);
    expect(outcome.failures.map((f) => f.name)).toEqual(["users.register: POST /users answers the example of flow userRegistration with a declared 2xx and a body matching its schema"]);
    expect(outcome.failures[0]?.message).toContain("the handler answered 201 with a body that breaks User: /name must be string");
  }, 120_000);
});
