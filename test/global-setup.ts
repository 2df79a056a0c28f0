import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The end-to-end tests run the real CLI from dist/, so build it once before the suite. */
export function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url)), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
