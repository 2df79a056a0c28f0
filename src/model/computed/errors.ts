/** A lookup of an id the model does not have: a stale project or a caller's mistake, never a crash. */
export class ModelLookupError extends Error {
  override readonly name = "ModelLookupError";
  readonly code = "AK-MODEL-LOOKUP";

  constructor(
    readonly kind: string,
    readonly id: string,
    suggestion?: string,
  ) {
    super(`the model has no ${kind} "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`);
  }
}

/** The serialized model of a project is missing, stale or not archkit's. */
export class ModelFileError extends Error {
  override readonly name = "ModelFileError";
  readonly code = "AK-MODEL-FILE";

  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(`${message}; ${hint}`);
  }
}
