import { ArchkitError } from "../errors.js";

/** A lookup of an id the model does not have: a stale project or a caller's mistake, never a crash. */
export class ModelLookupError extends ArchkitError {
  override name = "ModelLookupError";

  constructor(
    readonly kind: string,
    readonly id: string,
    suggestion?: string,
  ) {
    super(`the model has no ${kind} "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`, {
      code: "model-lookup",
    });
  }
}

/** The serialized model of a project is missing, stale or not archkit's. */
export class ModelFileError extends ArchkitError {
  override name = "ModelFileError";

  constructor(message: string, hint: string) {
    super(message, { code: "model-file", hint });
  }
}
