import type { ComputedModel, Model } from "../../model/index.js";
import { ownedFile as owned, type FileSet, type GeneratedFile, type Generator } from "../fileset.js";
import { describeInfra } from "./describe.js";
import { architectureJson, GITIGNORE, packageJson, pulumiProject, tsconfigJson } from "./project.js";
import { stackConfigFile } from "./stack-config.js";
import { programSources } from "./templates.js";

/** The folder the Pulumi project is written to, relative to the output root. */
export const INFRA_DIR = "infra";

/** Every file of `infra/`: the Pulumi project, one stack file per environment, the program and architecture.json. */
export function infraFiles(model: Model): GeneratedFile[] {
  const architecture = describeInfra(model);
  return [
    owned(`${INFRA_DIR}/Pulumi.yaml`, pulumiProject(model)),
    ...model.deployment.environments.map((e) => stackConfigFile(architecture, e.name)),
    owned(`${INFRA_DIR}/package.json`, packageJson(model)),
    owned(`${INFRA_DIR}/tsconfig.json`, tsconfigJson()),
    owned(`${INFRA_DIR}/.gitignore`, GITIGNORE),
    owned(`${INFRA_DIR}/architecture.json`, architectureJson(architecture)),
    ...programSources().map((source) => owned(`${INFRA_DIR}/${source.path}`, source.text)),
  ];
}

/** `archkit generate --only infra`: a Pulumi TypeScript project for Kubernetes. */
export const infraGenerator: Generator = {
  target: "infra",
  generate(computed: ComputedModel): FileSet {
    return { target: "infra", files: infraFiles(computed.model) };
  },
};
