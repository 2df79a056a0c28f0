import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest, longest first (measured on a 2-core machine). A fresh checkout has
 * no vitest cache of durations, so without this list the longest files would start last and the
 * run would end with one worker busy and the others idle.
 */
export const LONGEST_FILES = [
  "test/model/fuzz.test.ts",
  "test/e2e/packed.test.ts",
  "test/generators/tests/shop.test.ts",
  "test/examples/runtime-env-specs.test.ts",
  "test/generators/services/fixtures-compile.test.ts",
  "test/runtime/events/rabbitmq-faults.test.ts",
  "test/generators/tests/contracts.test.ts",
  "test/cli/exit-codes.test.ts",
  "test/cli/docs-render.test.ts",
  "test/generators/docs/plantuml.test.ts",
  "test/generators/docs/mermaid.test.ts",
  "test/examples/runtime-env.test.ts",
  "test/typecheck.test.ts",
  "test/generators/services/generate.test.ts",
  "test/generators/infra/typecheck.test.ts",
  "test/dev/dev.e2e.test.ts",
  "test/cli/start.test.ts",
];

/** Runs {@link LONGEST_FILES} first, in that order, then the rest as vitest orders them. */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FILES.indexOf(relative(file.project.config.root, file.moduleId));
      return at < 0 ? LONGEST_FILES.length : at;
    };
    const rest = await super.sort(files.filter((f) => rank(f) === LONGEST_FILES.length));
    return [...files.filter((f) => rank(f) < LONGEST_FILES.length).sort((a, b) => rank(a) - rank(b)), ...rest];
  }
}
