/**
 * A SQL script split at its top-level `;`: semicolons inside quotes, dollar-quoted bodies
 * (`$$ ... $$`, `$fn$ ... $fn$`) and comments do not split. Statements come back trimmed and
 * without their `;`; comment-only pieces are dropped.
 *
 * @example
 * splitStatements("create table a (x int);\n-- note\ninsert into a values (1);");
 * // ["create table a (x int)", "-- note\ninsert into a values (1)"]
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const end = skipQuoted(script, i);
    if (end > i) {
      i = end;
      continue;
    }
    if (script[i] === ";") {
      statements.push(script.slice(start, i));
      start = i + 1;
    }
    i += 1;
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => stripComments(s).trim() !== "");
}

/** The index after the quoted text, comment or dollar-quoted body starting at `i`, or `i` when none starts there. */
function skipQuoted(text: string, i: number): number {
  const c = text[i];
  if (c === "-" && text[i + 1] === "-") {
    const newline = text.indexOf("\n", i);
    return newline < 0 ? text.length : newline + 1;
  }
  if (c === "/" && text[i + 1] === "*") {
    const close = text.indexOf("*/", i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (c === "'" || c === '"') return closingQuote(text, i, c);
  if (c === "$") {
    const tag = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(text.slice(i))?.[0];
    if (tag === undefined) return i;
    const close = text.indexOf(tag, i + tag.length);
    return close < 0 ? text.length : close + tag.length;
  }
  return i;
}

/** After a quoted string or identifier; a doubled quote stays inside. */
function closingQuote(text: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j += 1;
  }
  return text.length;
}

function stripComments(statement: string): string {
  let out = "";
  let i = 0;
  while (i < statement.length) {
    const end = skipQuoted(statement, i);
    const isComment = end > i && (statement.startsWith("--", i) || statement.startsWith("/*", i));
    if (end > i) {
      if (!isComment) out += statement.slice(i, end);
      i = end;
    } else {
      out += statement[i];
      i += 1;
    }
  }
  return out;
}
