import { routeShape } from "../path-template.js";
import { valueAt } from "../schema-walk.js";
import type { Rule } from "./context.js";

/** Two endpoints of a service with the same method and path (parameter names ignored). */
export const duplicateRoute: Rule = {
  name: "duplicate-route",
  check({ model, report }) {
    for (const service of model.services) {
      const seen = new Map<string, string>();
      for (const e of service.endpoints) {
        const key = `${e.method} ${routeShape(e.path)}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, e.name);
        else
          report("duplicateRoute", [...e.source, "path"], {
            message: `${e.method} ${e.path} in service \`${service.id}\` is already served by endpoint \`${first}\``,
            hint: "change the method or the path of one of them",
          });
      }
    }
  },
};

export const pathParameter: Rule = {
  name: "path-parameter",
  check({ model, report }) {
    for (const e of model.services.flatMap((s) => s.endpoints)) {
      const declared = e.request.params.map((p) => p.name);
      for (const name of e.pathParams) {
        if (!/^[a-z][A-Za-z0-9]*$/.test(name))
          report("pathParameter", [...e.source, "path"], {
            message: `path parameter \`{${name}}\` of ${e.id} is not an identifier`,
          });
        else if (!declared.includes(name))
          report("pathParameter", [...e.source, "path"], {
            message: `path parameter \`{${name}}\` of ${e.id} is not declared in request.params`,
            hint: `add \`request: { params: { ${name}: { type: string } } }\``,
          });
      }
      for (const name of declared) {
        if (!e.pathParams.includes(name))
          report(
            "pathParameter",
            [...e.source, "request", "params", name],
            {
              message: `request parameter \`${name}\` of ${e.id} does not appear in its path ${e.path}`,
              hint: `add \`{${name}}\` to the path or move it to request.query`,
            },
            "key",
          );
      }
    }
  },
};

export const handlerClash: Rule = {
  name: "handler-clash",
  check({ model, raw, report }) {
    for (const service of model.services) {
      const names = new Set(service.endpoints.map((e) => e.name));
      for (const c of service.consumers) {
        if (names.has(c.handler)) {
          const explicit = valueAt(raw.data, [...c.source, "handler"]) !== undefined;
          report(
            "handlerClash",
            explicit ? [...c.source, "handler"] : c.source,
            {
              message: `consumer handler \`${c.handler}\` for ${c.event} clashes with another member of service \`${service.id}\``,
              hint: "give the consumer its own `handler:` name",
            },
            explicit ? "value" : "key",
          );
        }
        names.add(c.handler);
      }
    }
  },
};

export const gatewayRequired: Rule = {
  name: "gateway-required",
  check({ model, raw, report }) {
    for (const e of model.services.flatMap((s) => s.endpoints)) {
      const authAt =
        valueAt(raw.data, [...e.source, "auth"]) === undefined ? [...e.source, "public"] : [...e.source, "auth"];
      if (e.public && !model.gateway) {
        report("gatewayRequired", [...e.source, "public"], {
          message: `endpoint ${e.id} is public but the spec declares no gateway`,
          hint: "add a `gateway:` section, or make the endpoint internal",
        });
      } else if (e.auth.kind !== "none" && !model.gateway?.auth) {
        report("gatewayRequired", authAt, {
          message: `endpoint ${e.id} requires auth but no gateway auth is configured`,
          hint: "add `gateway: { auth: { kind: jwt } }` or set `auth: none`",
        });
      }
    }
  },
};

export const duplicatePort: Rule = {
  name: "duplicate-port",
  check({ model, report }) {
    const owners = new Map<number, string>();
    if (model.gateway) owners.set(model.gateway.port, "the gateway");
    for (const s of model.services) {
      const owner = owners.get(s.port);
      if (owner !== undefined)
        report("duplicatePort", [...s.source, "port"], {
          message: `service \`${s.id}\` uses port ${s.port}, already used by ${owner}`,
        });
      else owners.set(s.port, `service \`${s.id}\``);
    }
  },
};

type Budget = { readonly p95?: number; readonly p99?: number };

export const invalidRange: Rule = {
  name: "invalid-range",
  check({ model, raw, report }) {
    for (const s of model.services) {
      const { min, max, replicas } = s.scaling;
      const minWritten = valueAt(raw.data, [...s.source, "scaling", "min"]) !== undefined;
      if (min > max && minWritten)
        report("invalidRange", [...s.source, "scaling", "min"], {
          message: `service \`${s.id}\` scales from min ${min} to max ${max}; min must not exceed max`,
        });
      else if (replicas < min || replicas > max) {
        report("invalidRange", [...s.source, "scaling", "replicas"], {
          message: `service \`${s.id}\` has ${replicas} replicas, outside its scaling bounds ${Math.min(min, max)}..${max}`,
          hint: "raise `max` or lower `replicas`",
        });
      }
    }
    const budgets: [readonly (string | number)[], Budget][] = [
      [["quality", "latency"], model.quality.latency],
      ...model.services.map((s): [readonly (string | number)[], Budget] => [[...s.source, "slo"], s.slo]),
      ...model.services.flatMap((s) =>
        s.endpoints.map((e): [readonly (string | number)[], Budget] => [[...e.source, "latency"], e.latency]),
      ),
      ...model.externals.map((e): [readonly (string | number)[], Budget] => [[...e.source, "latency"], e.latency]),
      ...model.flows.map((f): [readonly (string | number)[], Budget] => [[...f.source, "slo"], f.slo]),
    ];
    for (const [at, b] of budgets) {
      if (b.p95 !== undefined && b.p99 !== undefined && b.p95 > b.p99)
        report("invalidRange", [...at, "p95"], {
          message: `p95 (${b.p95}ms) is above p99 (${b.p99}ms); the 95th percentile cannot exceed the 99th`,
        });
    }
  },
};
