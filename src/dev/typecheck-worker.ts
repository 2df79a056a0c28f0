import { parentPort, workerData } from "node:worker_threads";
import { loadTypescript, typeChecker } from "./typecheck-program.js";
import type { CheckReply } from "./typecheck.js";

/** The thread `archkit dev` type-checks in: each message asks for a check, each reply is one. */
const { typescript, projectDir } = workerData as { typescript: string; projectDir: string };
const check = typeChecker(loadTypescript(typescript), projectDir);
parentPort?.on("message", () => {
  const began = performance.now();
  let reply: CheckReply;
  try {
    reply = { kind: "checked", errors: check(), ms: Math.round(performance.now() - began) };
  } catch (error) {
    reply = { kind: "failed", message: (error as Error).message };
  }
  parentPort?.postMessage(reply);
});
