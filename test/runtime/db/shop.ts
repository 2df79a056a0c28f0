import { fileURLToPath } from "node:url";
import { compileFile, type Model } from "../../../src/model/index.js";

let shop: Promise<Model> | undefined;

/** The example shop model (architecture.yaml at the repository root). */
export function shopModel(): Promise<Model> {
  shop ??= compileFile(fileURLToPath(new URL("../../../architecture.yaml", import.meta.url))).then((result) => {
    if (!result.model || !result.ok)
      throw new Error(`architecture.yaml does not compile: ${result.diagnostics.map((d) => d.message).join("; ")}`);
    return result.model;
  });
  return shop;
}
