import { Writable } from "node:stream";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as formats from "ajv-formats";
import { pino, type Logger } from "pino";
import { expect } from "vitest";
import { compileFile, compileSpec, PROBLEM_SCHEMA, type Model } from "../../../src/model/index.js";
import type { Host, Listening } from "../../../src/runtime/service/index.js";

const SHOP = new URL("../../../architecture.yaml", import.meta.url).pathname;
let shop: Promise<Model> | undefined;

/** The example shop's model, compiled once per test file. */
export function shopModel(): Promise<Model> {
  shop ??= compileFile(SHOP).then((result) => {
    if (!result.ok || !result.model)
      throw new Error(`the shop does not compile: ${JSON.stringify(result.diagnostics)}`);
    return result.model;
  });
  return shop;
}

/** A small inline spec's model; fails the test on any error diagnostic. */
export function specModel(text: string): Model {
  const result = compileSpec(text, "inline.yaml");
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors).toEqual([]);
  return result.model!;
}

/** A logger whose lines (parsed) can be read back. */
export function memoryLogger(): { readonly logger: Logger; readonly lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim() !== "") lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines: () => lines };
}

const addFormats = ((formats as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validProblem = ajv.compile(PROBLEM_SCHEMA);

/** Asserts an RFC 9457 answer: status, media type, body matching PROBLEM_SCHEMA. Returns the body. */
export async function expectProblem(
  response: { status: number; headers: Headers; json(): Promise<unknown> },
  status: number,
): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(validProblem(body), JSON.stringify(validProblem.errors)).toBe(true);
  expect(body.status).toBe(status);
  return body;
}

/** Hosts started by a test, closed after it. */
export class Hosts {
  private readonly started: Host[] = [];

  async start(host: Host): Promise<string> {
    return (await this.listen(host)).url;
  }

  /** Starts the host; its URL and its admin URL. */
  async listen(host: Host): Promise<Listening> {
    this.started.push(host);
    return host.listen(0, "127.0.0.1");
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((h) => h.close()));
  }
}

/** A product that matches the shop's `Product` schema. */
export function product(id = "3f6c2a8e-8d1b-4c4e-9a53-2b7f0d9e1a01"): Record<string, unknown> {
  return { id, sku: "SKU-1", name: "Teapot", price: { amount: 12.5, currency: "EUR" }, category: "kitchen" };
}
