import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { bareServer, runtimeServer, type Lib } from "./apps.js";

/**
 * Child process entry: `tsx server.ts runtime|bare <log file> dist|src` starts one server on a
 * free port of 127.0.0.1 and prints `READY <port>`. Each server gets a process (and core) of its
 * own, away from the load generator. Any IPC message is answered with the process's CPU time so
 * far (µs).
 */
async function main(): Promise<void> {
  const [kind, logFile = "/dev/null", from = "dist"] = process.argv.slice(2);
  process.on("message", () => {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  });
  const lib = await load(from === "src" ? "src" : "dist");
  const { model } = await lib.model.compileFile(fileURLToPath(new URL("../../../architecture.yaml", import.meta.url)));
  if (!model) throw new Error("the shop does not compile");
  if (kind === "runtime") {
    const { port } = await runtimeServer(lib, model, logFile).listen(0, "127.0.0.1");
    console.log(`READY ${port}`);
    return;
  }
  if (kind === "bare") {
    const server = bareServer(lib, model).listen(0, "127.0.0.1", () =>
      console.log(`READY ${(server.address() as AddressInfo).port}`),
    );
    return;
  }
  throw new Error(`unknown server kind ${kind ?? "(none)"}: use runtime or bare`);
}

async function load(from: "dist" | "src"): Promise<Lib> {
  const root = new URL(from === "dist" ? "../../../dist/" : "../../../src/", import.meta.url);
  const file = (path: string) => new URL(`${path}/index.js`, root).href;
  if (from === "dist" && !existsSync(fileURLToPath(file("runtime/service"))))
    throw new Error("dist/ has no runtime: run `npm run build` first");
  return {
    model: (await import(file("model"))) as Lib["model"],
    service: (await import(file("runtime/service"))) as Lib["service"],
    observability: (await import(file("runtime/observability"))) as Lib["observability"],
  };
}

await main();
