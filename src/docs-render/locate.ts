import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/** The environment the renderers look in (`process.env` in the CLI). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a program the renderers need was found, or a one-line message naming what to install. */
export type Located =
  | { readonly kind: "found"; readonly path: string }
  | { readonly kind: "missing"; readonly message: string };

/** The first executable file called `name` in the folders of `PATH`. */
export function findOnPath(name: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "" || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Variables that name a browser binary, read in this order before `PATH` is searched. */
export const BROWSER_VARIABLES = ["CHROME_PATH", "PUPPETEER_EXECUTABLE_PATH"] as const;
/** Browser commands looked for on `PATH`. */
export const BROWSER_COMMANDS = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"] as const;

/** The system's Chromium or Chrome for mermaid-cli; never a downloaded one. */
export function findBrowser(env: Env): Located {
  for (const variable of BROWSER_VARIABLES) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    if (isExecutable(value)) return { kind: "found", path: value };
    return {
      kind: "missing",
      message: `${variable}=${value} is not an executable file; point it at a Chromium or Chrome binary, or unset it to search PATH`,
    };
  }
  for (const command of BROWSER_COMMANDS) {
    const path = findOnPath(command, env);
    if (path !== undefined) return { kind: "found", path };
  }
  return {
    kind: "missing",
    message: `no Chromium or Chrome found (CHROME_PATH and PUPPETEER_EXECUTABLE_PATH are unset and none of ${BROWSER_COMMANDS.join(", ")} is on PATH); install Chromium (Debian: apt-get install chromium) or set CHROME_PATH to the browser binary`,
  };
}

/** `java` as node-plantuml starts it: the first on `PATH`. */
export function findJava(env: Env): Located {
  const path = findOnPath("java", env);
  if (path !== undefined) return { kind: "found", path };
  return {
    kind: "missing",
    message:
      "PlantUML needs Java and no `java` is on PATH; install a Java runtime, version 8 or later (Debian: apt-get install default-jre-headless)",
  };
}

/** Where PlantUML looks for Graphviz's `dot` when `GRAPHVIZ_DOT` is unset. */
const PLANTUML_DOT_DEFAULTS = ["/usr/local/bin/dot", "/usr/bin/dot", "/opt/local/bin/dot"] as const;

/** Graphviz's `dot`, which PlantUML lays C4 diagrams out with: `GRAPHVIZ_DOT`, PlantUML's default places, then `PATH`. */
export function findGraphviz(env: Env): Located {
  const configured = env.GRAPHVIZ_DOT;
  if (configured !== undefined && configured !== "") {
    if (isExecutable(configured)) return { kind: "found", path: configured };
    return {
      kind: "missing",
      message: `GRAPHVIZ_DOT=${configured} is not an executable file; point it at Graphviz's dot, or unset it`,
    };
  }
  const path = PLANTUML_DOT_DEFAULTS.find(isExecutable) ?? findOnPath("dot", env);
  if (path !== undefined) return { kind: "found", path };
  return {
    kind: "missing",
    message:
      "PlantUML lays C4 diagrams out with Graphviz and no `dot` was found; install Graphviz (Debian: apt-get install graphviz) or set GRAPHVIZ_DOT",
  };
}
