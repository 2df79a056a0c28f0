import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expressPath,
  fillPath,
  matchPath,
  openApiPath,
  PathFillError,
  pathParams,
  routeShape,
} from "../../src/model/path-template.js";

/** A template of literal segments and uniquely named parameters, with the parameter names. */
const template = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((text) => ({ kind: "literal" as const, text })),
      fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/).map((name) => ({ kind: "param" as const, name })),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .filter((segments) => {
    const names = segments.flatMap((s) => (s.kind === "param" ? [s.name] : []));
    return new Set(names).size === names.length;
  })
  .map((segments) => ({
    text: `/${segments.map((s) => (s.kind === "literal" ? s.text : `{${s.name}}`)).join("/")}`,
    names: segments.flatMap((s) => (s.kind === "param" ? [s.name] : [])),
  }));

/** Any non-empty value, weighted towards the characters that break naive encoding. */
const value = fc.oneof(
  fc.string({ unit: "binary", minLength: 1 }),
  fc.string({ unit: fc.constantFrom("/", "%", "?", "#", " ", "+", "{", "}", ".", "é", "😀", "%2F"), minLength: 1 }),
);

describe("path templates", () => {
  it("fill then match gives back every parameter value", () => {
    fc.assert(
      fc.property(
        template.chain((t) => fc.tuple(fc.constant(t), fc.tuple(...t.names.map(() => value)))),
        ([t, values]) => {
          const params = Object.fromEntries(t.names.map((name, i) => [name, values[i] ?? "x"]));
          const filled = fillPath(t.text, params);
          expect(filled.split("/").length).toBe(t.text.split("/").length);
          expect(matchPath(t.text, filled)).toEqual(params);
          expect(matchPath(t.text, `${filled}/`)).toEqual(params);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects an empty or missing value", () => {
    expect(() => fillPath("/orders/{orderId}", { orderId: "" })).toThrow(PathFillError);
    expect(() => fillPath("/orders/{orderId}", {}, "orders.getOrder")).toThrow(
      'orders.getOrder needs the path parameter "orderId"',
    );
  });

  it("matches only paths of the template's shape", () => {
    expect(matchPath("/orders/{orderId}", "/orders")).toBeUndefined();
    expect(matchPath("/orders/{orderId}", "/orders/1/lines")).toBeUndefined();
    expect(matchPath("/orders/{orderId}", "/orders/%E0%A4%A")).toBeUndefined();
    expect(matchPath("/a.b/{x}", "/aXb/1")).toBeUndefined();
    expect(matchPath("/orders/{orderId}/lines/{line}", "/orders/7/lines/2")).toEqual({ orderId: "7", line: "2" });
  });

  it.each([
    {
      given: "/orders/{orderId}/shipment",
      express: "/orders/:orderId/shipment",
      openApi: "/orders/{orderId}/shipment",
    },
    { given: "/orders/", express: "/orders", openApi: "/orders" },
    { given: "/", express: "/", openApi: "/" },
    { given: "/files/v1.0/{name}", express: "/files/v1.0/:name", openApi: "/files/v1.0/{name}" },
    { given: "/a(b)/{id}", express: "/a\\(b\\)/:id", openApi: "/a(b)/{id}" },
  ])("$given is $express for Express and $openApi for OpenAPI", ({ given, express, openApi }) => {
    expect(expressPath(given)).toBe(express);
    expect(openApiPath(given)).toBe(openApi);
  });

  it("names parameters in order and gives routes one shape whatever their names", () => {
    expect(pathParams("/orders/{orderId}/lines/{line}")).toEqual(["orderId", "line"]);
    expect(routeShape("/orders/{id}/")).toBe(routeShape("/orders/{orderId}"));
  });
});
