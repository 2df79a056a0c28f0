import type { Ajv2020 } from "ajv/dist/2020.js";
import { type AjvPreset, createAjv } from "../ajv.js";
import type { JsonSchema, SchemaUse } from "../model.js";
import type { Model } from "../model-system.js";
import { namedRef } from "../schema-ref.js";
import type { Path } from "../source.js";
import type { RuleContext } from "./context.js";

/** A schema as the runtime compiles it, with the preset it compiles it with. */
interface CompileTarget {
  readonly preset: AjvPreset;
  readonly schema: JsonSchema;
  readonly source: Path;
}

/**
 * Compiles every schema the way the runtime will (named schemas through `$ref`, parameters as a
 * property of the parameters object) and reports each one ajv refuses, so a spec that passes
 * `archkit validate` never fails when a service or an event bus compiles its validators.
 * Schemas whose sources are in `skip` were already reported.
 */
export function checkCompiles(ctx: RuleContext, skip: ReadonlySet<string>): void {
  const targets = compileTargets(ctx.model).filter((t) => !skip.has(t.source.join("/")));
  const named = JSON.stringify(ctx.model.schemas.map((s) => [s.id, s.schema]));
  const reported = new Set<string>();
  for (const preset of ["checkInput", "checkOutput"] as const) {
    let instance: Ajv2020 | undefined;
    const compiler: Compiler = {
      key: `${preset}\u0000${named}`,
      ajv: () => {
        instance ??= createAjv(preset, ctx.model.schemas);
        return instance;
      },
    };
    for (const target of refused(
      compiler,
      targets.filter((t) => t.preset === preset),
    )) {
      const problem = compileProblem(compiler, target.schema);
      if (problem === undefined || reported.has(problem)) continue;
      reported.add(problem);
      ctx.report("invalidJsonSchema", target.source, {
        message: `the runtime cannot compile this schema: ${problem}`,
        hint: "JSON Schema 2020-12 as ajv reads it: a `format` must be one ajv-formats knows, a `default` inside `oneOf`/`anyOf` or at the root of a request schema is never applied",
      });
    }
  }
}

/** An ajv instance made only when a compile result is not known yet, and the key of what it holds. */
interface Compiler {
  readonly key: string;
  readonly ajv: () => Ajv2020;
}

const MEMO_LIMIT = 512;
const outcomes = new Map<string, string | undefined>();

/**
 * What compiling `schema` with the compiler's preset and named schemas gives: the reason ajv
 * refuses it, or `undefined`. A pure function of its inputs, so it is kept (the most recent
 * {@link MEMO_LIMIT} outcomes): `archkit dev` reloads and repeated validations of a spec whose
 * schemas did not change compile nothing.
 */
function outcome(
  compiler: Compiler,
  check: "together" | "alone",
  schema: JsonSchema,
  compile: (ajv: Ajv2020) => string | undefined,
): string | undefined {
  const key = `${check}\u0000${compiler.key}\u0000${JSON.stringify(schema)}`;
  if (outcomes.has(key)) return outcomes.get(key);
  const result = compile(compiler.ajv());
  if (outcomes.size >= MEMO_LIMIT) outcomes.delete(outcomes.keys().next().value as string);
  outcomes.set(key, result);
  return result;
}

/**
 * The targets that may not compile. Compiling them together under one `allOf` (each distinct
 * schema once) costs a third of compiling each; only when that fails is each compiled alone. A
 * root `default` is judged only at the root, so those targets are always compiled alone.
 */
function refused(compiler: Compiler, targets: readonly CompileTarget[]): readonly CompileTarget[] {
  const together = new Map(
    targets.filter((t) => t.schema.default === undefined).map((t) => [JSON.stringify(t.schema), t.schema]),
  );
  const alone = targets.filter((t) => t.schema.default !== undefined);
  if (together.size === 0) return alone;
  const problem = outcome(compiler, "together", { allOf: [...together.values()] }, (ajv) => {
    try {
      ajv.compile({ allOf: [...together.values()] });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  });
  return problem === undefined ? alone : targets;
}

/** The reason ajv refuses the schema; `undefined` when it compiles or only names an unknown schema (reported elsewhere). */
function compileProblem(compiler: Compiler, schema: JsonSchema): string | undefined {
  return outcome(compiler, "alone", schema, (ajv) => {
    try {
      ajv.compile(schema);
      return undefined;
    } catch (error) {
      const missing = (error as { missingRef?: unknown }).missingRef;
      if (namedRef(missing) !== undefined) return undefined;
      return error instanceof Error ? error.message : String(error);
    }
  });
}

function compileTargets(model: Model): CompileTarget[] {
  const named = model.schemas
    .filter((s) => !s.builtIn)
    .map((s): CompileTarget => ({ preset: "checkInput", schema: { $ref: s.id }, source: s.source }));
  return [
    ...named,
    ...model.services.flatMap((s) =>
      s.endpoints.flatMap((e) => [
        ...inline(e.request.body, "checkInput"),
        ...[...e.request.params, ...e.request.query, ...e.request.headers].flatMap((p) =>
          inline(p.schema, "checkInput").map((t) => ({ ...t, schema: asProperty(p.name, t.schema) })),
        ),
        ...e.responses.flatMap((r) => inline(r.schema, "checkOutput")),
      ]),
    ),
    ...model.events.flatMap((e) => inline(e.schema, "checkOutput")),
    ...model.stores.flatMap((s) =>
      s.kind === "document" ? s.collections.flatMap((c) => inline(c.schema, "checkOutput")) : [],
    ),
  ];
}

function inline(use: SchemaUse | undefined, preset: AjvPreset): CompileTarget[] {
  return use?.kind === "inline" ? [{ preset, schema: use.schema, source: use.source }] : [];
}

function asProperty(name: string, schema: JsonSchema): JsonSchema {
  return { type: "object", properties: { [name]: schema } };
}
