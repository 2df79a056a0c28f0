import type { ComputedModel } from "../../model/index.js";
import { ownedFile as owned, type FileSet, type Generator } from "../fileset.js";
import { contractFile } from "./contract-file.js";
import { supportSources } from "./support.js";

const TSCONFIG = {
  extends: "../../tsconfig.json",
  compilerOptions: { noEmit: true },
  include: ["**/*.ts", "../../services/*/src"],
};

/**
 * The tests target: `test/contracts/<service>.contract.test.ts` per service with endpoints or
 * consumers, the shared helpers under `test/contracts/support/`, and a tsconfig to type-check them.
 */
export const testsGenerator: Generator = {
  target: "tests",
  generate(computed: ComputedModel): FileSet {
    const model = computed.model;
    const services = model.services.filter((s) => s.endpoints.length > 0 || s.consumers.length > 0);
    if (services.length === 0) return { target: "tests", files: [] };
    return {
      target: "tests",
      files: [
        ...services.map((s) => owned(`test/contracts/${s.id}.contract.test.ts`, contractFile(model, s))),
        ...supportSources().map((source) => owned(`test/contracts/support/${source.path}`, source.text)),
        owned("test/contracts/tsconfig.json", `${JSON.stringify(TSCONFIG, null, 2)}\n`),
      ],
    };
  },
};
