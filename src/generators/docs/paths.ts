import type { ComputedModel } from "../../model/index.js";

/** Every docs file lives under this folder of the output. */
export const DOCS_DIR = "docs";

/** Paths relative to docs/, as the documents link to each other. */
export const docsPaths = {
  architecture: "architecture.md",
  architectureRst: "architecture.rst",
  diagram: (name: string) => `diagrams/${name}.mmd`,
  serviceOpenapi: (service: string) => `openapi/${service}.yaml`,
  asyncapi: "asyncapi.yaml",
  c4: (path: string) => `c4/${path}`,
} as const;

/** The gateway's public API document; named apart from a service that happens to be called `gateway`. */
export function gatewayOpenapiPath(computed: ComputedModel): string {
  return computed.findService("gateway") ? "openapi/public-api.yaml" : "openapi/gateway.yaml";
}
