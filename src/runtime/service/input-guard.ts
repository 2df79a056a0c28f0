import type { FieldError } from "./problem.js";
import { escapePointer } from "./validation.js";

/** Deepest nesting of arrays and objects a request body may have. */
export const MAX_BODY_DEPTH = 64;

const NUL = "\u0000";

/** A UTF-16 surrogate standing alone (`"\ud800"` in JSON): no UTF-8 text, database or HTTP peer can carry it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string or key cannot be kept, or `undefined` when it can. */
function textProblem(text: string, what: "must not contain" | "is a key with"): string | undefined {
  if (text.includes(NUL)) return `${what} the NUL character (U+0000)`;
  if (LONE_SURROGATE.test(text)) return `${what} a lone UTF-16 surrogate (not well-formed Unicode)`;
  return undefined;
}

/**
 * How deep `value` nests, counted without recursion (so a hostile body cannot overflow the stack),
 * stopping as soon as it passes `limit`.
 *
 * @example
 * nestingDepth({ a: [[1]] }, 64) // 3
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, level]);
  }
  return deepest;
}

/**
 * Values no JSON Schema rules out but no service can keep: strings or keys with a NUL character
 * (PostgreSQL text cannot hold U+0000) or a lone UTF-16 surrogate (no UTF-8 text can hold it, so a
 * database or a called service would refuse it), numbers too large for a double (`1e400`), and whole numbers
 * beyond ±2^53 - 1, which JavaScript cannot represent exactly (`9007199254740993` arrives as
 * `9007199254740992`). One field error per value.
 *
 * @example
 * unstorableValues({ name: "a\u0000b" }, "/body") // [{ pointer: "/body/name", message: "must not contain the NUL character (U+0000)" }]
 */
export function unstorableValues(value: unknown, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length > 0) {
    const [current, pointer] = stack.pop()!;
    const problem = valueProblem(current);
    if (problem !== undefined) errors.push({ pointer, message: problem });
    if (current === null || typeof current !== "object") continue;
    for (const [key, child] of Object.entries(current)) {
      const at = `${pointer}/${escapePointer(key)}`;
      const keyProblem = textProblem(key, "is a key with");
      if (keyProblem !== undefined) errors.push({ pointer: at, message: keyProblem });
      stack.push([child, at]);
    }
  }
  return errors.reverse();
}

function valueProblem(value: unknown): string | undefined {
  if (typeof value === "string") return textProblem(value, "must not contain");
  if (typeof value !== "number") return undefined;
  if (!Number.isFinite(value)) return "must be a finite number";
  if (Number.isInteger(value) && !Number.isSafeInteger(value))
    return `must be a whole number within ±${Number.MAX_SAFE_INTEGER} (larger ones cannot be represented exactly)`;
  return undefined;
}
