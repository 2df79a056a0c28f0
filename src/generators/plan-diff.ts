import { createRequire } from "node:module";
import { unreachable } from "../model/errors.js";
import type { Plan } from "./writer.js";

type DiffModule = typeof import("diff");
let diffModule: DiffModule | undefined;

/** The diff library loads only for `--check`. */
function createTwoFilesPatch(...args: Parameters<DiffModule["createTwoFilesPatch"]>): string {
  diffModule ??= createRequire(import.meta.url)("diff") as DiffModule;
  return diffModule.createTwoFilesPatch(...args);
}

/** A unified diff of every change, for `generate --check`. */
export function renderDiff(plan: Plan): string {
  return plan.changes
    .map((c) => {
      switch (c.kind) {
        case "create":
          return createTwoFilesPatch("/dev/null", `b/${c.path}`, "", c.content, "", "", { context: 3 });
        case "update":
          return createTwoFilesPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.content, "", "", { context: 3 });
        case "delete":
          return createTwoFilesPatch(`a/${c.path}`, "/dev/null", c.before, "", "", "", { context: 3 });
        case "unchanged":
          return "";
        default: {
          return unreachable(c);
        }
      }
    })
    .filter((d) => d !== "")
    .join("");
}
