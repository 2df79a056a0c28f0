import { Parser } from "@asyncapi/parser";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { docs, fileText, model, SPEC_NAMES } from "./specs.js";

/** Spectral severities of @asyncapi/parser: 0 error, 1 warning, 2 information, 3 hint. */
const ERROR = 0;
const WARNING = 1;

async function openapiErrors(document: unknown): Promise<string | undefined> {
  const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
  return result.valid ? undefined : compileErrors(result);
}

describe.each(SPEC_NAMES)("OpenAPI documents of the %s spec", (name) => {
  it("every one passes @readme/openapi-parser's OpenAPI 3.1 validation", async () => {
    const files = (await docs(name)).files.filter((f) => f.path.startsWith("docs/openapi/"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parse(file.content) as Record<string, unknown>;
      expect(document["openapi"], file.path).toBe("3.1.0");
      expect(await openapiErrors(document), file.path).toBeUndefined();
    }
  });
});

describe("the OpenAPI validator", () => {
  it("rejects a broken document, so a pass means something", async () => {
    const broken = { openapi: "3.1.0", info: { title: "x" }, paths: { "/a": { get: { responses: { ok: {} } } } } };
    expect(await openapiErrors(broken)).toBeDefined();
  });
});

describe.each(["shop", "library"] as const)("the AsyncAPI document of the %s spec", (name) => {
  it("parses with @asyncapi/parser without errors or warnings", async () => {
    const text = fileText(await docs(name), "docs/asyncapi.yaml");
    const { document, diagnostics } = await new Parser().parse(text);
    const problems = diagnostics
      .filter((d) => d.severity === ERROR || d.severity === WARNING)
      .map((d) => `${d.code}: ${d.message} at ${d.path.join(".")}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe("3.0.0");
    const events = (await model(name)).events;
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(expect.arrayContaining(events.flatMap((e) => [e.topic, e.deadLetterTopic])));
  });
});

describe("the AsyncAPI parser", () => {
  it("reports an error for a broken document", async () => {
    const { diagnostics } = await new Parser().parse(
      "asyncapi: 3.0.0\ninfo: { title: x }\nchannels: { a: { address: 1 } }\n",
    );
    expect(diagnostics.some((d) => d.severity === ERROR)).toBe(true);
  });
});
