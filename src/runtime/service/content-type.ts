/**
 * Whether a content type is one the services parse as JSON: `application/json` and
 * `application/*+json`, parameters ignored. The services' body parser, their 415 check and the
 * gateway's body signature all ask this one question, so they never disagree about a body.
 *
 * @example
 * isJsonContentType("application/merge-patch+json; charset=utf-8") // true
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}
