import type { IncomingMessage } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { isJsonContentType } from "../service/content-type.js";
import { HttpProblem } from "../service/problem.js";

/** The largest body the gateway reads to sign, before and after its content encoding is undone. */
export const SIGNED_BODY_LIMIT = 1024 * 1024;

const DECODERS: Readonly<Record<string, (input: Buffer, limit: number) => Buffer>> = {
  identity: (input) => input,
  gzip: (input, limit) => gunzipSync(input, { maxOutputLength: limit }),
  "x-gzip": (input, limit) => gunzipSync(input, { maxOutputLength: limit }),
  deflate: (input, limit) => inflateSync(input, { maxOutputLength: limit }),
  br: (input, limit) => brotliDecompressSync(input, { maxOutputLength: limit }),
};

/** A request body as it goes on (`raw`) and as the service will parse it (`digested`, for a JSON body only). */
export interface SignedBody {
  readonly raw: Buffer;
  readonly digested?: Buffer;
}

/**
 * Reads a request body for signing: at most 1 MiB (413 beyond), its content encoding undone for
 * the digest (400 when it is not what it claims to be). A body the services would not parse as
 * JSON is signed as empty, as they sign it. An encoding the gateway does not know is left to the
 * service, which refuses it with 415.
 *
 * @example
 * const { raw, digested } = await signedBody(req);
 */
export async function signedBody(req: IncomingMessage): Promise<SignedBody> {
  const raw = await readAll(req, SIGNED_BODY_LIMIT);
  const digested = digestedBody(raw, req.headers["content-type"], req.headers["content-encoding"]);
  return digested === undefined ? { raw } : { raw, digested };
}

/**
 * The bytes of a body a signature digests: a JSON body with its content encoding undone, as the
 * service will parse it; undefined for a body the service does not parse as JSON, or in an
 * encoding the gateway does not know (the service refuses it with 415). Throws a 400 problem for
 * data that is not what its encoding claims, a 413 for more than 1 MiB once decoded.
 *
 * @example
 * digestedBody(gzipSync('{"a":1}'), "application/json", "gzip") // Buffer of {"a":1}
 */
export function digestedBody(
  raw: Buffer,
  contentType: string | undefined,
  contentEncoding: string | undefined,
): Buffer | undefined {
  if (!isJsonContentType(contentType)) return undefined;
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  const decode = DECODERS[encoding];
  if (!decode) return undefined;
  try {
    return decode(raw, SIGNED_BODY_LIMIT);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new HttpProblem(400, "Bad Request", `the request body is not valid ${encoding} data`, { cause: error });
  }
}

async function readAll(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): HttpProblem {
  return new HttpProblem(413, "Payload Too Large", `the request body is larger than ${SIGNED_BODY_LIMIT} bytes`);
}
