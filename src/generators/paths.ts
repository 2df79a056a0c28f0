/** A generated path must stay inside the output folder: relative, POSIX, no `..`, plain characters. */
export function assertSafePath(path: string): void {
  const ok =
    path.length > 0 &&
    !path.startsWith("/") &&
    /^[A-Za-z0-9._/-]+$/.test(path) &&
    path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
  if (!ok) throw new Error(`refusing to write outside the output folder: ${JSON.stringify(path)}`);
}

/** Code-unit order of paths, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
