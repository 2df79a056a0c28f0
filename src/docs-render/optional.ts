/** An optional peer dependency, loaded, or a one-line message saying how to install what is missing. */
export type Optional<T> =
  | { readonly kind: "loaded"; readonly value: T }
  | { readonly kind: "missing"; readonly message: string };

const NOT_FOUND = new Set(["ERR_MODULE_NOT_FOUND", "MODULE_NOT_FOUND"]);

/**
 * Run `load` (a dynamic import or a resolve of `pkg`); when it fails because a package is not
 * installed, say which one and the npm command that installs it. Any other error is rethrown.
 * @example await loadOptional("c4builder", "npm i -D c4builder", () => import("c4builder"))
 */
export async function loadOptional<T>(pkg: string, install: string, load: () => Promise<T> | T): Promise<Optional<T>> {
  try {
    return { kind: "loaded", value: await load() };
  } catch (error) {
    const missing = missingPackage(error);
    if (missing === undefined) throw error;
    if (missing === pkg || missing.startsWith(`${pkg}/`))
      return { kind: "missing", message: `the ${pkg} package is not installed; run \`${install}\`` };
    return {
      kind: "missing",
      message: `${pkg} needs the ${missing} package, which is not installed; run \`npm i -D ${missing}\``,
    };
  }
}

/** The package a failed import or resolve could not find, or undefined when it failed for another reason. */
export function missingPackage(error: unknown): string | undefined {
  if (!(error instanceof Error) || !NOT_FOUND.has((error as NodeJS.ErrnoException).code ?? "")) return undefined;
  const name = /Cannot find (?:package|module) '([^']+)'/.exec(error.message)?.[1];
  if (name === undefined) return undefined;
  if (name.startsWith(".") || name.startsWith("/")) return undefined;
  const parts = name.split("/");
  return name.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}
