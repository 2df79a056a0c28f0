#!/usr/bin/env node
const cli = await import("../dist/cli/index.js").catch((error) => {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli/index.js")) throw error;
  process.stderr.write(
    "archkit: dist/ is missing, so this archkit was never built; in its folder run `npm run build` (or pack it with `npm pack --ignore-scripts=false`, which builds through prepack)\n",
  );
  process.exit(2);
});

process.exitCode = await cli.main(process.argv);
