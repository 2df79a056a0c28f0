import { describe, expect, it } from "vitest";
import { prettyLogLine } from "../../src/dev/logs.js";

const base = { level: "info", time: "2026-01-01T10:00:00.123Z", service: "orders", pid: 42, hostname: "box" };
const line = (fields: Record<string, unknown>) => JSON.stringify({ ...base, ...fields });

describe("a service's log line in the dev terminal", () => {
  const cases: readonly { name: string; line: string; want: string }[] = [
    { name: "a line that is not JSON", line: "plain text", want: "plain text" },
    {
      name: "fields of its own",
      line: line({ port: 3001, msg: "listening" }),
      want: "10:00:00.123 info  listening port=3001",
    },
    {
      name: "a request, its correlation id cut to 8 characters",
      line: line({
        correlationId: "f68a71ba-8753-4f9b-94b9-a8405875bdce",
        method: "POST",
        route: "/orders",
        status: 401,
        durationMs: 13.1,
        msg: "request completed",
      }),
      want: "10:00:00.123 info  request completed POST /orders 401 13.1ms #f68a71ba",
    },
    {
      name: "a correlation id that is not a UUID, whole",
      line: line({ correlationId: "dev-e2e-order", msg: "placed" }),
      want: "10:00:00.123 info  placed #dev-e2e-order",
    },
    {
      name: "strings with spaces quoted, objects as JSON",
      line: line({
        msg: "event handled",
        event: "OrderCreated",
        group: "shop.payments",
        note: "two words",
        attempt: { n: 2 },
      }),
      want: '10:00:00.123 info  event handled event=OrderCreated group=shop.payments note="two words" attempt={"n":2}',
    },
    {
      name: "a long value cut",
      line: line({ msg: "big", body: "x".repeat(300) }),
      want: `10:00:00.123 info  big body=${"x".repeat(159)}…`,
    },
    {
      name: "a warning's error message and code",
      line: line({ level: "warn", msg: "retrying", err: { message: "connect refused", code: "ECONNREFUSED" } }),
      want: "10:00:00.123 warn  retrying: connect refused (ECONNREFUSED)",
    },
    {
      name: "an error's stack on lines of its own",
      line: line({
        level: "error",
        msg: "request failed",
        err: { message: "boom", stack: "Error: boom\n    at placeOrder (handlers.ts:3:9)\n    at run (host.js:1:1)" },
      }),
      want: "10:00:00.123 error request failed: boom\n    at placeOrder (handlers.ts:3:9)\n    at run (host.js:1:1)",
    },
  ];
  it.each(cases)("$name", ({ line, want }) => expect(prettyLogLine(line, false)).toBe(want));
});
