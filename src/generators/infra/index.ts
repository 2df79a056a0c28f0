export { infraGenerator, infraFiles, INFRA_DIR } from "./generator.js";
export { describeInfra, RUNTIME, STORE_SECRET } from "./describe.js";
export { disruptionFor, GATEWAY_REPLICAS } from "./workloads.js";
export { mergeStackConfig, stackConfigFile, stackSettings } from "./stack-config.js";
export { PULUMI_VERSIONS } from "./project.js";
export { programSources, TEMPLATE_DIR } from "./templates.js";
export type { ProgramSource } from "./templates.js";
export { configKeyOfVariable, envName, k8sName, topicObjectName, urlVariable } from "./names.js";
export { ProgramError, renderInfra, transpileTemplates, UnknownEnvironmentError } from "./render/render.js";
export type { RenderOptions, RenderResult } from "./render/render.js";
export { loadPulumiSdk, PulumiSdkMissingError, SDK_PACKAGES } from "./render/sdk.js";
export type { PulumiMocks, PulumiRuntime, PulumiSdk } from "./render/sdk.js";
export { REDACTED, plain, runUnderMocks } from "./render/mocks.js";
export type { MockRunOptions, ProgramRun, RenderedObject } from "./render/mocks.js";
export { MANIFEST_HEADER, manifestFiles } from "./render/manifests.js";
export type { ManifestFile } from "./render/manifests.js";
export { runProgram } from "./render/loader.js";
export type { ProgramFile } from "./render/loader.js";
export { transpileInThread, transpileProgram } from "./render/transpile.js";
export { stackValues } from "./render/stack-values.js";
export type { StackValues } from "./render/stack-values.js";
export type {
  EnvironmentDefaults,
  InfraArchitecture,
  InfraCache,
  InfraDatabase,
  InfraExternal,
  InfraKafka,
  InfraRabbitmq,
  InfraResources,
  InfraTopic,
  InfraWorkload,
  RequiredConfig,
  RuntimeFacts,
} from "./types.js";
