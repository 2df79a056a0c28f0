import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasShop, runVitest, shopProject } from "./project.js";

describe.skipIf(!hasShop)("the shop's generated contract tests", () => {
  it("pass against the shop's implementation", async () => {
    const outcome = await runVitest(await shopProject({ tests: true }));
    expect(outcome.failures).toEqual([]);
    expect(outcome.passed).toBeGreaterThan(80);
    expect(outcome.skips.filter((name) => / takes a valid | never runs for /.test(name))).toEqual([]);
    expect(outcome.skips.filter((name) => name.includes("LowStock"))).toEqual([]);
    expect(outcome.skips.filter((name) => / published during these tests | the fixtures give /.test(name))).toEqual([]);
  }, 180_000);

  it("fail naming the field when users.register answers a field of the wrong type, and a fixture request that gets another status", async () => {
    const dir = await shopProject({ tests: true });
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
    const fixtures = join(dir, "services", "users", "src", "fixtures.ts");
    const own = '{ name: "Grace adds her middle name", params: { userId: ids.grace }, user: ids.grace,';
    const text = await readFile(fixtures, "utf8");
    expect(text).toContain(own);
    await writeFile(fixtures, text.replace(own, own.replace("user: ids.grace", "user: ids.alan")));
    const outcome = await runVitest(dir, ["test/contracts/users.contract.test.ts"]);
    expect(outcome.failures.map((f) => f.name)).toEqual([
      "users.register: POST /users answers the example of flow userRegistration with a declared 2xx and a body matching its schema",
      "users.updateProfile: PATCH /users/{userId} answers each request the fixtures give (requests.updateProfile) with the status it names, or a declared 2xx",
    ]);
    expect(outcome.failures[0]?.message).toContain(
      "the handler answered 201 with a body that breaks User: /name must be string",
    );
    expect(outcome.failures[1]?.message).toContain(
      "the fixtures' request requests.updateProfile[0] (Grace adds her middle name) answered 403 to a request that must succeed with a 2xx",
    );
  }, 120_000);
});
