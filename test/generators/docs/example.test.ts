import { describe, it } from "vitest";
import { checkFolder } from "./golden.js";
import { docs, ROOT, UPDATE } from "./specs.js";

/** Rendered pictures kept beside the example for the README; the generator does not write them. */
const RENDERED = (path: string) => path.startsWith("images/");

describe("docs/example", () => {
  it("holds exactly what the generator writes for the shop, reStructuredText included (UPDATE_GOLDEN=1 rewrites it)", async () => {
    const set = await docs("shop");
    const files = set.files.map((f) => ({ path: f.path.replace(/^docs\//, ""), content: f.content }));
    checkFolder(`${ROOT}docs/example`, files, UPDATE, RENDERED);
  });
});
