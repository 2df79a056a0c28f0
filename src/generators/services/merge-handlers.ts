import { createRequire } from "node:module";
import type { Node as NodeType, ObjectLiteralExpression } from "ts-morph";
import type { MergeResult } from "../fileset.js";

type TsMorph = typeof import("ts-morph");
let tsMorph: TsMorph | undefined;

/** ts-morph loads the TypeScript compiler (hundreds of ms), so only when a merge is needed. */
function morph(): TsMorph {
  tsMorph ??= createRequire(import.meta.url)("ts-morph") as TsMorph;
  return tsMorph;
}

/** A member the user's handlers object must have: its name and the stub written when it is missing. */
export interface HandlerStub {
  readonly name: string;
  /** Full member text, e.g. `async placeOrder(req) {\n  throw notImplemented("orders.placeOrder");\n}` */
  readonly text: string;
}

/**
 * Add a stub for every handler the spec gained at the top of the `handlers` object of the
 * user's file, so that no existing line changes, not even by a comma; report (never delete)
 * members the spec no longer has.
 */
export function mergeHandlers(
  existing: string,
  path: string,
  stubs: readonly HandlerStub[],
  variable = "handlers",
): MergeResult {
  const { Node, Project, SyntaxKind } = morph();
  const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true });
  const file = project.createSourceFile("handlers.ts", existing);
  const object = handlersObject(file.getVariableDeclaration(variable)?.getInitializer());
  if (!object) {
    const missing = stubs.map((s) => s.name).join(", ");
    return {
      content: existing,
      notes: [
        `${path}: no \`const ${variable} = { ... }\` object found, so nothing was added; make sure it has: ${missing}`,
      ],
    };
  }
  const present = new Map<string, number>();
  for (const member of object.getProperties()) {
    const name =
      Node.isPropertyNamed(member) || Node.isShorthandPropertyAssignment(member) ? member.getName() : undefined;
    if (name !== undefined) present.set(name.replace(/^["']|["']$/g, ""), member.getStartLineNumber());
  }
  const wanted = new Set(stubs.map((s) => s.name));
  const notes = [...present]
    .filter(([name]) => !wanted.has(name))
    .map(
      ([name, line]) =>
        `${path}:${line}: handler \`${name}\` matches no endpoint or consumer in the spec any more; it was kept, remove it when you are done with it`,
    );
  const missing = stubs.filter((s) => !present.has(s.name));
  if (missing.length === 0) return { content: existing, notes };
  const firstMember = object.getProperties()[0];
  const indent = firstMember ? " ".repeat(firstMember.getIndentationLevel() * 2) || "  " : "  ";
  const insertion = missing.map((s) => `${indentText(s.text, indent)},\n`).join("\n");
  const open = object.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken).getEnd();
  const rest = existing.slice(open);
  const content = `${existing.slice(0, open)}\n${insertion}${firstMember ? "\n" : ""}${rest.replace(/^\n/, "")}`;
  notes.push(...missing.map((s) => `${path}: added a stub for \`${s.name}\``));
  return { content, notes };
}

function handlersObject(node: NodeType | undefined): ObjectLiteralExpression | undefined {
  const { Node } = morph();
  if (!node) return undefined;
  if (Node.isObjectLiteralExpression(node)) return node;
  if (Node.isSatisfiesExpression(node) || Node.isAsExpression(node) || Node.isParenthesizedExpression(node))
    return handlersObject(node.getExpression());
  return undefined;
}

function indentText(text: string, indent: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : `${indent}${line}`))
    .join("\n");
}
