/** What reviewers must never find in a generated document. */
export interface Finding {
  readonly line: number;
  readonly problem: string;
  readonly text: string;
}

const EVERYWHERE: readonly [RegExp, string][] = [
  [/\[System Name\]/i, "template placeholder"],
  [/\bTODO\b/, "TODO"],
  [/\bTBD\b/, "TBD"],
  [/\bFIXME\b/, "FIXME"],
  [/\bYYYY-MM-DD\b/, "date placeholder"],
  [/\blorem ipsum\b/i, "filler text"],
  [/\bundefined\b|\bnull\b|\[object Object\]|\bNaN\b/, "leaked JavaScript value"],
];

/** Placeholders in any generated text file. */
export function placeholderFindings(text: string): Finding[] {
  return text
    .split("\n")
    .flatMap((line, i) =>
      EVERYWHERE.filter(([re]) => re.test(line)).map(([, problem]) => ({ line: i + 1, problem, text: line })),
    );
}

/** `[Describe ...]`-style brackets in Markdown prose: a bracket that is not a link, an image or a footnote. */
export function markdownFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  const lines = proseLines(text);
  for (const { line, number } of lines) {
    const prose = line.replace(/`[^`]*`/g, "");
    if (/\[[^\]]*\](?![(:])/.test(prose)) findings.push({ line: number, problem: "bracketed placeholder", text: line });
  }
  return [...findings, ...emptySections(lines)];
}

/** A heading followed by another heading of the same or a higher level, or by the end of the file. */
function emptySections(lines: readonly { line: string; number: number }[]): Finding[] {
  const findings: Finding[] = [];
  const content = lines.filter((l) => l.line.trim() !== "" && !l.line.startsWith("<!--"));
  content.forEach((l, i) => {
    const level = headingLevel(l.line);
    if (level === 0) return;
    const next = content[i + 1];
    const nextLevel = next ? headingLevel(next.line) : 1;
    if (nextLevel > 0 && nextLevel <= level) findings.push({ line: l.number, problem: "empty section", text: l.line });
  });
  return findings;
}

function headingLevel(line: string): number {
  return /^(#{1,6}) /.exec(line)?.[1]?.length ?? 0;
}

/** Lines outside fenced code blocks, with their 1-based numbers; a fence counts as content. */
function proseLines(text: string): { line: string; number: number }[] {
  const out: { line: string; number: number }[] = [];
  let fenced = false;
  text.split("\n").forEach((line, i) => {
    if (line.startsWith("```")) {
      fenced = !fenced;
      out.push({ line: "```", number: i + 1 });
      return;
    }
    if (!fenced) out.push({ line, number: i + 1 });
  });
  return out;
}

const RST_LEVELS = ["#", "=", "-", "~"];

/** Empty sections in reStructuredText: a heading (text over an underline) followed by one of the same or a higher level. */
export function rstFindings(text: string): Finding[] {
  const lines = text.split("\n");
  const headings = new Map<number, number>();
  lines.forEach((line, i) => {
    const under = lines[i + 1] ?? "";
    const char = under.charAt(0);
    if (line.trim() === "" || !RST_LEVELS.includes(char) || !/^(.)\1{2,}$/.test(under) || /^(.)\1{2,}$/.test(line))
      return;
    headings.set(i, RST_LEVELS.indexOf(char));
  });
  const content = lines
    .map((line, i) => ({ line, i }))
    .filter(
      ({ line, i }) =>
        line.trim() !== "" && !/^(.)\1{2,}$/.test(line) && !line.startsWith("..") && !isUnderline(headings, i),
    );
  const findings: Finding[] = [];
  content.forEach(({ line, i }, k) => {
    const level = headings.get(i);
    if (level === undefined) return;
    const next = content[k + 1];
    const nextLevel = next ? headings.get(next.i) : 0;
    if (nextLevel !== undefined && nextLevel <= level)
      findings.push({ line: i + 1, problem: "empty section", text: line });
  });
  return findings;
}

function isUnderline(headings: ReadonlyMap<number, number>, i: number): boolean {
  return headings.has(i - 1);
}
