import { describe, expect, it } from "vitest";
import { mergeHandlers } from "../../../src/generators/services/merge-handlers.js";

const stub = (name: string) => ({ name, text: `async ${name}(req) {\n  throw notImplemented("svc.${name}");\n}` });

const USER = `import type { Handlers } from "./generated/index.js";

export const handlers: Handlers = {
  async placeOrder(req) {
    // my code
    return { status: 201, body: { id: "1" } };
  },
  async oldEndpoint() {
    return { status: 200 };
  }
};
`;

describe("mergeHandlers", () => {
  it("adds stubs for new members and keeps every existing line", () => {
    const result = mergeHandlers(USER, "services/orders/src/handlers.ts", [
      stub("placeOrder"),
      stub("getOrder"),
      stub("onPaymentCompleted"),
    ]);
    const lines = result.content.split("\n");
    let at = 0;
    for (const line of USER.split("\n")) {
      const found = lines.indexOf(line, at);
      expect(found, `kept: ${line}`).toBeGreaterThanOrEqual(at);
      at = found;
    }
    expect(result.content).toContain(
      'export const handlers: Handlers = {\n  async getOrder(req) {\n    throw notImplemented("svc.getOrder");\n  },\n\n  async onPaymentCompleted(req) {',
    );
    expect(result.content).toContain("async onPaymentCompleted(req)");
    expect(result.notes).toEqual([
      "services/orders/src/handlers.ts:8: handler `oldEndpoint` matches no endpoint or consumer in the spec any more; it was kept, remove it when you are done with it",
      "services/orders/src/handlers.ts: added a stub for `getOrder`",
      "services/orders/src/handlers.ts: added a stub for `onPaymentCompleted`",
    ]);
  });

  it("is a no-op when nothing is missing", () => {
    const result = mergeHandlers(USER, "h.ts", [stub("placeOrder"), stub("oldEndpoint")]);
    expect(result).toEqual({ content: USER, notes: [] });
  });

  it("finds the object behind `satisfies` and fills an empty one", () => {
    const result = mergeHandlers("export const handlers = {} satisfies Handlers;\n", "h.ts", [stub("a")]);
    expect(result.content).toBe(
      'export const handlers = {\n  async a(req) {\n    throw notImplemented("svc.a");\n  },\n} satisfies Handlers;\n',
    );
  });

  it("reports, and changes nothing, when the file has no handlers object", () => {
    const result = mergeHandlers("export function handlers() {}\n", "h.ts", [stub("a")]);
    expect(result.content).toBe("export function handlers() {}\n");
    expect(result.notes[0]).toContain("no `const handlers = { ... }` object found");
  });
});
