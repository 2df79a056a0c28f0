import { ArchkitError } from "../../model/errors.js";
/**
 * A string matching a regular expression from a JSON Schema `pattern`, for the common shapes API
 * specs use: literals, escapes (`\d`, `\w`, `\+`), classes (`[A-Z]`, `[a-z0-9_-]`), groups with
 * alternatives, and the quantifiers `? * + {n} {n,m}`. Each repeat takes its lowest count (at least
 * one for `+`), each class its first member, each group its first alternative. Anything else
 * (lookarounds, backreferences, negated classes) is reported as unsupported.
 */
export type PatternSample =
  | { readonly kind: "ok"; readonly value: string }
  | { readonly kind: "unsupported"; readonly reason: string };

type Atom =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "group"; readonly alternatives: readonly Atom[][] };

class Unsupported extends ArchkitError {
  override readonly code = "unsupported-pattern";
}

/**
 * @example
 * samplePattern("^\\+[1-9][0-9]{6,14}$") // { kind: "ok", value: "+1000000" }
 */
export function samplePattern(pattern: string): PatternSample {
  try {
    const parser = new Parser(pattern.replace(/^\^/, "").replace(/(?<!\\)\$$/, ""));
    const alternatives = parser.alternatives();
    if (!parser.done()) throw new Unsupported(`unexpected "${parser.rest()}"`);
    return { kind: "ok", value: render(alternatives[0] ?? []) };
  } catch (error) {
    if (error instanceof Unsupported) return { kind: "unsupported", reason: `pattern ${pattern}: ${error.message}` };
    throw error;
  }
}

function render(sequence: readonly Atom[]): string {
  return sequence.map((atom) => (atom.kind === "text" ? atom.text : render(atom.alternatives[0] ?? []))).join("");
}

const ESCAPES: Readonly<Record<string, string>> = { d: "0", w: "a", s: " ", n: "\n", t: "\t" };

class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at >= this.source.length;
  }

  rest(): string {
    return this.source.slice(this.at);
  }

  alternatives(): Atom[][] {
    const out: Atom[][] = [this.sequence()];
    while (this.peek() === "|") {
      this.at++;
      out.push(this.sequence());
    }
    return out;
  }

  private sequence(): Atom[] {
    const atoms: Atom[] = [];
    while (!this.done() && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.atom();
      atoms.push(...this.repeated(atom));
    }
    return atoms;
  }

  private atom(): Atom {
    const char = this.next();
    switch (char) {
      case "\\":
        return { kind: "text", text: this.escape() };
      case "[":
        return { kind: "text", text: this.charClass() };
      case "(":
        return this.group();
      case ".":
        return { kind: "text", text: "a" };
      case "^":
      case "$":
        return { kind: "text", text: "" };
      case "*":
      case "+":
      case "?":
      case "{":
        throw new Unsupported(`quantifier "${char}" without an atom`);
      default:
        return { kind: "text", text: char };
    }
  }

  private escape(): string {
    const char = this.next();
    if (/[1-9bBkpPu]/.test(char)) throw new Unsupported(`escape \\${char}`);
    return ESCAPES[char] ?? (/[DWS]/.test(char) ? "-" : char);
  }

  private charClass(): string {
    if (this.peek() === "^") throw new Unsupported("negated character class");
    let first: string | undefined;
    while (this.peek() !== "]") {
      if (this.done()) throw new Unsupported("unclosed character class");
      const char = this.next();
      const member = char === "\\" ? this.escape() : char;
      first ??= member;
    }
    this.at++;
    if (first === undefined) throw new Unsupported("empty character class");
    return first;
  }

  private group(): Atom {
    if (this.peek() === "?") {
      if (this.source.slice(this.at, this.at + 2) !== "?:") throw new Unsupported("lookaround or named group");
      this.at += 2;
    }
    const alternatives = this.alternatives();
    if (this.next() !== ")") throw new Unsupported("unclosed group");
    return { kind: "group", alternatives };
  }

  private repeated(atom: Atom): Atom[] {
    const count = this.quantifier();
    if (count === undefined) return [atom];
    if (this.peek() === "?") this.at++;
    return Array.from({ length: count }, () => atom);
  }

  /** The lowest count the quantifier after an atom allows; undefined when there is none. */
  private quantifier(): number | undefined {
    const char = this.peek();
    if (char === "?" || char === "*") {
      this.at++;
      return 0;
    }
    if (char === "+") {
      this.at++;
      return 1;
    }
    if (char !== "{") return undefined;
    const match = /^\{(\d+)(,\d*)?\}/.exec(this.rest());
    if (!match) throw new Unsupported(`quantifier ${this.rest().slice(0, 8)}`);
    this.at += match[0].length;
    return Number(match[1]);
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private next(): string {
    const char = this.source[this.at];
    if (char === undefined) throw new Unsupported("unexpected end");
    this.at++;
    return char;
  }
}
