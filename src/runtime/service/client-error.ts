import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { PROBLEM_CONTENT_TYPE } from "./problem.js";

/** Node's HTTP parser errors with the status that answers them; any other parse error is a 400. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

const DETAIL_OF_STATUS: Readonly<Record<number, string>> = {
  431: "the request's headers are larger than the server accepts",
  413: "the request's chunk extensions are larger than the server accepts",
  408: "the request did not arrive in time",
  400: "the request is not valid HTTP",
};

/**
 * What the server answers a request Node's HTTP parser refused before any route saw it (headers too
 * large, malformed request line, timeout): a problem+json response with the matching status, then
 * the connection closed. A connection the client already dropped is just destroyed.
 *
 * @example
 * server.on("clientError", answerClientError);
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = STATUS_OF_CODE[error.code ?? ""] ?? 400;
  const title = STATUS_CODES[status] ?? "Bad Request";
  const body = JSON.stringify({ type: "about:blank", title, status, detail: DETAIL_OF_STATUS[status] });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\n` +
      `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "connection: close\r\n\r\n" +
      body,
  );
}
