import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { devProject } from "../../src/dev/project.js";
import { type Change, watchProject, watchSpec } from "../../src/dev/watch.js";
import { specFiles } from "../../src/model/index.js";

const ROOT = "archkit: 1\nsystem: { name: shop, title: Shop }\ninclude: [domains/*.yaml]\n";
const STOCK = "services:\n  stock: {}\n";

/** Resolves when `count` calls have been seen, or rejects after a few seconds. */
function calls(count: number): { readonly onChange: () => void; readonly seen: Promise<void> } {
  let n = 0;
  let done: () => void = () => undefined;
  const seen = new Promise<void>((resolve, reject) => {
    done = resolve;
    setTimeout(() => reject(new Error(`saw ${n} of ${count} changes`)), 5000).unref();
  });
  return { onChange: () => ++n >= count && done(), seen };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe("watching a spec split over several files", () => {
  let dir: string;
  let stop: (() => void) | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "archkit-watch-"));
    await mkdir(join(dir, "domains"));
    await writeFile(join(dir, "architecture.yaml"), ROOT);
    await writeFile(join(dir, "domains/stock.yaml"), STOCK);
  });
  afterEach(async () => {
    stop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists the root and every included file", async () => {
    expect(await specFiles(join(dir, "architecture.yaml"))).toEqual([
      join(dir, "architecture.yaml"),
      join(dir, "domains/stock.yaml"),
    ]);
  });

  it("reports a change to an included file", async () => {
    const { onChange, seen } = calls(1);
    stop = watchSpec(join(dir, "architecture.yaml"), onChange);
    await settle();
    await writeFile(join(dir, "domains/stock.yaml"), `${STOCK}  payments: {}\n`);
    await seen;
  });

  it("reports a new file the include pattern matches, then changes to it", async () => {
    const first = calls(1);
    let next = first.onChange;
    stop = watchSpec(join(dir, "architecture.yaml"), () => next());
    await settle();
    await writeFile(join(dir, "domains/payments.yaml"), "services:\n  payments: {}\n");
    await first.seen;
    await settle();
    const second = calls(1);
    next = second.onChange;
    await writeFile(join(dir, "domains/payments.yaml"), "services:\n  payments: { title: Payments }\n");
    await second.seen;
  });

  it("ignores a YAML file the spec does not include", async () => {
    let changes = 0;
    stop = watchSpec(join(dir, "architecture.yaml"), () => changes++);
    await settle();
    await writeFile(join(dir, "docker-compose.yaml"), "services: {}\n");
    await settle();
    await settle();
    expect(changes).toBe(0);
  });
});

describe("watching a project's handlers", () => {
  it("sees every save of a handler, also after an editor replaced the file (write a copy, rename it over)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "archkit-watch-"));
    const src = join(dir, "services", "orders", "src");
    await mkdir(join(src, "generated"), { recursive: true });
    const file = join(src, "handlers.ts");
    await writeFile(file, "export {};\n");
    await writeFile(join(dir, "architecture.yaml"), ROOT);
    const seen: Change[] = [];
    const stop = watchProject(devProject(dir), (changes) => seen.push(...changes), 20);
    try {
      await settle();
      await writeFile(`${file}.tmp`, "export const a = 1;\n");
      await rename(`${file}.tmp`, file);
      await settle();
      await writeFile(file, "export const a = 2;\n");
      await settle();
      await writeFile(join(src, "generated", "service.ts"), "export {};\n");
      await settle();
      expect(seen).toEqual([
        { kind: "service", service: "orders", file },
        { kind: "service", service: "orders", file },
      ]);
    } finally {
      stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
