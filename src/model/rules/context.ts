import { diagnostic, type Diagnostic, type DiagnosticInput, type RuleKey } from "../diagnostics.js";
import type { Model } from "../model-system.js";
import type { Path, RawSpec } from "../source.js";

export interface RuleContext {
  readonly model: Model;
  readonly raw: RawSpec;
  report(rule: RuleKey, at: Path, input: Omit<DiagnosticInput, "loc">, part?: "key" | "value"): void;
}

/** A named check over the normalized model. */
export interface Rule {
  readonly name: string;
  /** The rule judges the spec as a whole, so it is skipped when invalid entries were set aside. */
  readonly needsComplete?: boolean;
  check(ctx: RuleContext): void;
}

/** Run every rule; a rule that throws becomes an internal-rule-error diagnostic instead of a crash. */
export function runRules(rules: readonly Rule[], model: Model, raw: RawSpec, complete = true): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ctx: RuleContext = {
    model,
    raw,
    report(rule, at, input, part = "value") {
      const span = raw.locate(at, part);
      diagnostics.push(diagnostic(rule, { ...input, loc: span, length: input.length ?? span.length }));
    },
  };
  for (const rule of rules) {
    if (rule.needsComplete && !complete) continue;
    try {
      rule.check(ctx);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      diagnostics.push(
        diagnostic("internalRuleError", {
          loc: raw.locate([]),
          message: `rule \`${rule.name}\` failed: ${reason}`,
          hint: "the other rules still ran; please report this with your spec",
        }),
      );
    }
  }
  return diagnostics;
}

/** Reports at the key of a spec entry (the `orders:` line of `stores.orders`) rather than at its value. */
export function reportAtKey(
  report: RuleContext["report"],
  rule: RuleKey,
  at: Path,
  message: string,
  hint: string,
): void {
  report(rule, at, { message, hint }, "key");
}
