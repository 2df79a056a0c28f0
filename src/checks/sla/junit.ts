import { chainFailures, failures, ms } from "./report.js";
import type { SlaRun, TargetResult } from "./run.js";

/**
 * The run as JUnit XML for CI: a suite of flows, one of endpoints and one of flow budgets, a test
 * case each, a `<failure>` per breached target naming the figure, `<skipped>` for targets that
 * could not run.
 *
 * @example
 * writeFileSync("sla.xml", junitReport(run, "architecture.yaml"));
 */
export function junitReport(run: SlaRun, spec: string): string {
  const perTarget = (run.settings.warmupMs + run.settings.durationMs) / 1000;
  const suites = [
    suite(
      "archkit sla: flows",
      run.results.filter((r) => r.target.kind === "flow").map((r) => targetCase(r, perTarget)),
      skippedCases(run, "flow"),
    ),
    suite(
      "archkit sla: endpoints",
      run.results.filter((r) => r.target.kind === "endpoint").map((r) => targetCase(r, perTarget)),
      skippedCases(run, "endpoint"),
    ),
    suite(
      "archkit sla: flow budgets",
      run.chains.map((chain) => {
        const failure = chainFailures([chain])[0];
        const hops = chain.hops
          .map((h) => `${"  ".repeat(h.depth)}${h.target} ${h.budgetP95 === undefined ? "no budget" : ms(h.budgetP95)}`)
          .join("\n");
        return {
          name: `${chain.flow}: p95 budgets ${ms(chain.total)} of slo ${chain.sloP95 === undefined ? "none" : ms(chain.sloP95)}`,
          classname: "sla.budgets",
          seconds: 0,
          failure: failure === undefined ? undefined : { message: failure, type: "budget", text: hops },
        };
      }),
      [],
    ),
  ];
  const count = (key: "tests" | "failures" | "skipped") => suites.reduce((sum, s) => sum + s[key], 0);
  const time = seconds(perTarget * run.results.length);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="archkit sla ${escape(spec)}" tests="${count("tests")}" failures="${count("failures")}" errors="0" skipped="${count("skipped")}" time="${time}">`,
    ...suites.flatMap((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly seconds: number;
  readonly failure?: { readonly message: string; readonly type: string; readonly text: string };
  readonly skipped?: string;
}

function targetCase(result: TargetResult, secondsEach: number): Case {
  const { target, measured } = result;
  const breaches = failures(result);
  const figures = [
    `${target.endpoint.method} ${target.endpoint.path} via ${target.via}`,
    `rps ${measured.achievedRps} of ${measured.offeredRps} offered`,
    measured.latency
      ? `p50 ${ms(measured.latency.p50)}, p90 ${ms(measured.latency.p90)}, p95 ${ms(measured.latency.p95)}, p99 ${ms(measured.latency.p99)}, max ${ms(measured.latency.max)}`
      : "no answers",
    `error rate ${measured.errorRate}%, non-2xx ${measured.non2xx}, timeouts ${measured.timeouts}`,
  ].join("\n");
  return {
    name: target.kind === "flow" ? `flow ${target.name}` : target.name,
    classname: `sla.${target.kind}s`,
    seconds: secondsEach,
    failure:
      breaches.length === 0
        ? undefined
        : { message: breaches.join("; "), type: result.checks.find((c) => !c.pass)?.kind ?? "sla", text: figures },
  };
}

function skippedCases(run: SlaRun, kind: "flow" | "endpoint"): Case[] {
  return run.skipped
    .filter((s) => s.kind === kind)
    .map((s) => ({
      name: kind === "flow" ? `flow ${s.name}` : s.name,
      classname: `sla.${kind}s`,
      seconds: 0,
      skipped: s.reason,
    }));
}

function suite(
  name: string,
  cases: readonly Case[],
  skipped: readonly Case[],
): { xml: string[]; tests: number; failures: number; skipped: number } {
  const all = [...cases, ...skipped];
  const failed = all.filter((c) => c.failure).length;
  const xml = [
    `  <testsuite name="${escape(name)}" tests="${all.length}" failures="${failed}" errors="0" skipped="${skipped.length}">`,
  ];
  for (const c of all) {
    const open = `    <testcase classname="${escape(c.classname)}" name="${escape(c.name)}" time="${seconds(c.seconds)}"`;
    if (c.failure)
      xml.push(
        `${open}>`,
        `      <failure message="${escape(c.failure.message)}" type="${escape(c.failure.type)}">${escape(c.failure.text)}</failure>`,
        "    </testcase>",
      );
    else if (c.skipped !== undefined)
      xml.push(`${open}>`, `      <skipped message="${escape(c.skipped)}"/>`, "    </testcase>");
    else xml.push(`${open}/>`);
  }
  xml.push("  </testsuite>");
  return { xml, tests: all.length, failures: failed, skipped: skipped.length };
}

function seconds(value: number): string {
  return value.toFixed(3);
}

/** Text for XML attributes and content: markup characters escaped, characters XML 1.0 forbids dropped. */
export function escape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
