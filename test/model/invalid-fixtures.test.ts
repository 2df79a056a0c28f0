import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileSpec, RULES, type Diagnostic } from "../../src/model/index.js";
import { INCLUDE_CODES } from "./include-rows.js";

/**
 * Every file in test/fixtures/invalid/ is a small spec with one defect. Its first lines state what
 * the validator must report, one `# expect: <code> <line>:<column>` per diagnostic:
 *
 *   # expect: AK101 12:17
 *
 * Each expected diagnostic must be present at exactly that position (other diagnostics may appear too).
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE_DIR = "test/fixtures/invalid";
const CLI = join(ROOT, "bin/archkit.js");

interface Expectation {
  readonly code: string;
  readonly line: number;
  readonly column: number;
}

interface Fixture {
  readonly name: string;
  /** Relative to the package root, as the CLI is given it. */
  readonly file: string;
  readonly text: string;
  readonly expectations: readonly Expectation[];
}

const EXPECT_LINE = /^# expect: (AK\d{3}) (\d+):(\d+)$/;

function parseExpectations(name: string, text: string): Expectation[] {
  const header: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith("#")) break;
    header.push(line);
  }
  return header
    .filter((line) => line.startsWith("# expect"))
    .map((line) => {
      const match = EXPECT_LINE.exec(line);
      if (!match)
        throw new Error(`${name}: malformed expectation ${JSON.stringify(line)}; write \`# expect: AK101 12:9\``);
      return { code: match[1]!, line: Number(match[2]), column: Number(match[3]) };
    });
}

const FIXTURES: readonly Fixture[] = readdirSync(join(ROOT, FIXTURE_DIR))
  .filter((name) => name.endsWith(".yaml"))
  .sort()
  .map((name) => {
    const text = readFileSync(join(ROOT, FIXTURE_DIR, name), "utf8");
    return { name, file: `${FIXTURE_DIR}/${name}`, text, expectations: parseExpectations(name, text) };
  });

const RULE_BY_CODE = new Map(Object.values(RULES).map((r) => [r.code as string, r]));

/**
 * Fixtures whose expected position is right but which the validator currently reports elsewhere.
 * Their position checks run as `it.fails`: when a bug is fixed, the check starts passing, `it.fails`
 * turns red, and the entry must be removed here.
 */
const KNOWN_POSITION_BUGS: Readonly<Record<string, string>> = {};

function compile(fixture: Fixture): ReturnType<typeof compileSpec> {
  return compileSpec(fixture.text, fixture.name);
}

function at(diagnostics: readonly Diagnostic[], e: Expectation): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === e.code && d.line === e.line && d.column === e.column);
}

function describeAll(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`).join("\n") || "(no diagnostics)";
}

describe("the invalid fixture set", () => {
  it("has at least 45 fixtures", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(45);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))(
    "%s is named <code>-<description>.yaml and states known expectations",
    (_name, fixture) => {
      const match = /^(AK\d{3})-[a-z0-9]+(-[a-z0-9]+)*\.yaml$/.exec(fixture.name);
      expect(match, "file name").not.toBeNull();
      expect(fixture.expectations.length, "# expect: lines").toBeGreaterThan(0);
      expect(fixture.expectations.map((e) => e.code)).toContain(match![1]);
      for (const e of fixture.expectations) {
        expect(RULE_BY_CODE.has(e.code), `${e.code} is a code in RULES`).toBe(true);
        expect(e.code).not.toBe(RULES.internalRuleError.code);
        expect(e.line).toBeGreaterThan(0);
        expect(e.column).toBeGreaterThan(0);
      }
    },
  );

  it("covers every code in RULES except AK199 and the include codes (several files each: include.test.ts)", () => {
    const covered = new Set(FIXTURES.flatMap((f) => f.expectations.map((e) => e.code)));
    // AK121 judges the spec against the migrations beside it, so its cases live in test/model/migrations-rule.test.ts.
    const skipped = new Set<string>([RULES.internalRuleError.code, RULES.dataLossMigration.code, ...INCLUDE_CODES]);
    const missing = Object.values(RULES)
      .map((r) => r.code as string)
      .filter((code) => !skipped.has(code) && !covered.has(code));
    expect(missing).toEqual([]);
  });

  it("lists known position bugs only for fixtures that exist", () => {
    const names = new Set(FIXTURES.map((f) => f.name));
    expect(Object.keys(KNOWN_POSITION_BUGS).filter((n) => !names.has(n))).toEqual([]);
  });
});

describe.each(FIXTURES.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
  it("compiles without throwing and without an internal rule error", () => {
    let result: ReturnType<typeof compileSpec> | undefined;
    expect(() => {
      result = compile(fixture);
    }).not.toThrow();
    expect(result!.diagnostics.filter((d) => d.code === RULES.internalRuleError.code)).toEqual([]);
  });

  it("reports the expected codes with their registered rule and severity", () => {
    const { diagnostics, ok } = compile(fixture);
    for (const e of fixture.expectations) {
      const found = diagnostics.filter((d) => d.code === e.code);
      expect(found.length, `${e.code} in\n${describeAll(diagnostics)}`).toBeGreaterThan(0);
      const rule = RULE_BY_CODE.get(e.code)!;
      for (const d of found) {
        expect(d.rule).toBe(rule.name);
        expect(d.severity).toBe(rule.severity);
        expect(d.file).toBe(fixture.name);
        expect(d.message.length).toBeGreaterThan(0);
      }
    }
    const expectsError = fixture.expectations.some((e) => RULE_BY_CODE.get(e.code)!.severity === "error");
    // Fixtures for warnings contain no error, so the spec still counts as valid.
    expect(ok).toBe(!expectsError);
  });

  const located = KNOWN_POSITION_BUGS[fixture.name] === undefined ? it : it.fails;
  const title =
    KNOWN_POSITION_BUGS[fixture.name] === undefined
      ? "reports each expectation at its line:column"
      : `reports each expectation at its line:column (known bug: ${KNOWN_POSITION_BUGS[fixture.name]})`;
  located(title, () => {
    const { diagnostics } = compile(fixture);
    for (const e of fixture.expectations) {
      expect(at(diagnostics, e), `${e.code} at ${e.line}:${e.column} in\n${describeAll(diagnostics)}`).toBeDefined();
    }
  });
});

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.ARCHKIT_DEBUG;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function fixture(name: string): Fixture {
  const found = FIXTURES.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}

const STACK_FRAME = /^ {4}at /m;

/** Fixtures whose positions are right today, one per stage: schema, references, model rules. */
const CLI_FIXTURES = [
  "AK010-unknown-endpoint-key-typo.yaml",
  "AK013-invalid-store-kind.yaml",
  "AK101-call-unknown-endpoint.yaml",
  "AK010-typo-does-not-hide-unknown-call.yaml",
  "AK103-two-service-cycle.yaml",
  "AK003-empty-file.yaml",
];

describe("archkit validate on invalid fixtures (real CLI)", () => {
  it.each(CLI_FIXTURES)("%s: exit 1, file:line:column error CODE, no stack trace", async (name) => {
    const f = fixture(name);
    const run = await runCli(["validate", f.file]);
    expect(run.code).toBe(1);
    for (const e of f.expectations) expect(run.stdout).toContain(`${f.file}:${e.line}:${e.column} error ${e.code} `);
    expect(run.stdout).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toContain("internal error");
  });

  it.each(CLI_FIXTURES)("%s: --format json lists the same diagnostics as compileSpec", async (name) => {
    const f = fixture(name);
    const run = await runCli(["validate", f.file, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const report = JSON.parse(run.stdout) as {
      file: string;
      ok: boolean;
      errors: number;
      warnings: number;
      diagnostics: Diagnostic[];
    };
    const expected = compileSpec(f.text, f.file).diagnostics;
    expect(report.file).toBe(f.file);
    expect(report.ok).toBe(false);
    expect(report.diagnostics).toEqual(expected);
    expect(report.errors).toBe(expected.filter((d) => d.severity === "error").length);
    expect(report.warnings).toBe(expected.length - report.errors);
    for (const e of f.expectations)
      expect(report.diagnostics).toContainEqual(
        expect.objectContaining({ code: e.code, line: e.line, column: e.column, file: f.file }),
      );
  });

  it("reports a YAML syntax error as a diagnostic, not a crash", async () => {
    const f = fixture("AK001-unclosed-quote.yaml");
    const run = await runCli(["validate", f.file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${f.file.replace(/[.]/g, "\\.")}:\\d+:\\d+ error AK001 `, "m"));
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(STACK_FRAME);
  });

  it("exits 0 on a warning-only fixture, and 1 with --strict", async () => {
    const f = fixture("AK115-unused-store.yaml");
    const e = f.expectations[0]!;
    const run = await runCli(["validate", f.file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${f.file}:${e.line}:${e.column} warning AK115 `);
    const strict = await runCli(["validate", f.file, "--strict"]);
    expect(strict.code).toBe(1);
    expect(`${strict.stdout}\n${strict.stderr}`).not.toMatch(STACK_FRAME);
  });
});
