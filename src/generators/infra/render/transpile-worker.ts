import { parentPort, workerData } from "node:worker_threads";
import type { ProgramFile } from "./loader.js";
import { transpileInThread } from "./transpile.js";

parentPort?.postMessage(await transpileInThread(workerData as ProgramFile[]));
