import { describe, it } from "vitest";
import { checkFolder } from "./golden.js";
import { docs, fileText, HERE, UPDATE } from "./specs.js";

const GOLDEN = `${HERE}golden/`;

describe("golden files", () => {
  it("the shop's architecture.md", async () => {
    const set = await docs("shop");
    checkFolder(`${GOLDEN}shop`, [{ path: "architecture.md", content: fileText(set, "docs/architecture.md") }], UPDATE);
  });

  it.each(["library", "minimal"] as const)("every document of the %s spec", async (name) => {
    const set = await docs(name);
    checkFolder(
      `${GOLDEN}${name}`,
      set.files.map((f) => ({ path: f.path, content: f.content })),
      UPDATE,
    );
  });
});
