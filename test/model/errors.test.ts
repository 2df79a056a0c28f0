import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/cli/io.js";
import { BundleError } from "../../src/dev/bundle.js";
import { ServiceStartError } from "../../src/dev/child.js";
import { DevProjectError } from "../../src/dev/project.js";
import { ProgramError, UnknownEnvironmentError } from "../../src/generators/infra/render/render.js";
import { PulumiSdkMissingError } from "../../src/generators/infra/render/sdk.js";
import { ArchkitError, isArchkitError } from "../../src/model/errors.js";
import { PathFillError } from "../../src/model/path-template.js";
import { RedisUrlError } from "../../src/runtime/cache/redis-cache.js";
import { MigrationError } from "../../src/runtime/db/migrate.js";
import { MigrationPlanError } from "../../src/runtime/db/migrations.js";
import { DatabaseUrlError } from "../../src/runtime/db/url.js";
import { EventBusConfigError, InvalidPayloadError, UndeclaredEventError } from "../../src/runtime/events/bus-errors.js";
import { StoppingError } from "../../src/runtime/events/retry.js";
import { TransportStateError } from "../../src/runtime/events/transport-errors.js";
import { TransportConfigError } from "../../src/runtime/events/transport.js";
import { HttpProblem, NotImplemented } from "../../src/runtime/service/problem.js";
import { ROOT } from "../cli/helpers.js";

const ERRORS: readonly { readonly error: ArchkitError; readonly code: string; readonly exitCode: 1 | 2 }[] = [
  { error: new UserError("x", "y"), code: "user-error", exitCode: 1 },
  { error: new BundleError("x"), code: "service-does-not-compile", exitCode: 1 },
  { error: new ServiceStartError("x"), code: "service-did-not-start", exitCode: 1 },
  { error: new DevProjectError("x"), code: "dev-project", exitCode: 1 },
  { error: new UnknownEnvironmentError("x"), code: "unknown-environment", exitCode: 1 },
  { error: new ProgramError("x"), code: "infra-program", exitCode: 1 },
  { error: new PulumiSdkMissingError("x"), code: "pulumi-sdk-missing", exitCode: 1 },
  { error: new PathFillError("x"), code: "path-parameter", exitCode: 1 },
  { error: new RedisUrlError("x"), code: "redis-url", exitCode: 1 },
  { error: new DatabaseUrlError("x"), code: "database-url", exitCode: 1 },
  { error: new MigrationPlanError("x"), code: "migration-plan", exitCode: 1 },
  { error: new MigrationError("x"), code: "migration-failed", exitCode: 2 },
  { error: new EventBusConfigError("x"), code: "event-bus-config", exitCode: 1 },
  { error: new InvalidPayloadError("E", "S", ["p"], "on publish"), code: "invalid-payload", exitCode: 1 },
  { error: new UndeclaredEventError("E", "s", "x"), code: "undeclared-event", exitCode: 1 },
  { error: new StoppingError(), code: "bus-stopping", exitCode: 2 },
  { error: new TransportStateError("memory", "publish", "stopped"), code: "transport-state", exitCode: 2 },
  { error: new TransportConfigError("x"), code: "transport-config", exitCode: 1 },
  { error: new HttpProblem(409, "Conflict"), code: "http-problem", exitCode: 1 },
  { error: new NotImplemented("orders.placeOrder"), code: "http-problem", exitCode: 2 },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("ArchkitError", () => {
  it.each(ERRORS)("$error.name: $code, exit code $exitCode", ({ error, code, exitCode }) => {
    expect(error).toBeInstanceOf(ArchkitError);
    expect(isArchkitError(error)).toBe(true);
    expect({ code: error.code, exitCode: error.exitCode }).toEqual({ code, exitCode });
  });

  it("is the only class in src that extends Error directly", () => {
    const direct = sources(join(ROOT, "src")).filter((file) => /extends Error\b/.test(readFileSync(file, "utf8")));
    expect(direct.map((file) => file.slice(ROOT.length))).toEqual(["src/model/errors.ts"]);
  });

  it("keeps an HttpProblem's status and carries a hint", () => {
    expect(new HttpProblem(404).status).toBe(404);
    expect(new ArchkitError("x", { hint: "do y", exitCode: 2 })).toMatchObject({ hint: "do y", exitCode: 2 });
    expect(isArchkitError(new Error("plain"))).toBe(false);
  });
});
