import type { Socket } from "node:net";
import type { EventEnvelope } from "../contracts.js";

/** What a socket client says to the broker server, one JSON object per line. */
export type ClientMessage =
  | { readonly t: "send"; readonly id: number; readonly envelopes: readonly EventEnvelope[] }
  | { readonly t: "join"; readonly sub: number; readonly topic: string; readonly group: string }
  | { readonly t: "leave"; readonly sub: number }
  | { readonly t: "done"; readonly d: number; readonly ok: boolean };

/** What the broker server says to a client. */
export type ServerMessage =
  | { readonly t: "sent"; readonly id: number }
  | { readonly t: "deliver"; readonly d: number; readonly sub: number; readonly envelope: EventEnvelope };

/** Calls `onMessage` for every complete JSON line read from the socket. */
export function readLines<T>(socket: Socket, onMessage: (message: T) => void): void {
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.length > 0) onMessage(JSON.parse(line) as T);
      newline = buffered.indexOf("\n");
    }
  });
}

export function writeLine(socket: Socket, message: ClientMessage | ServerMessage): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
}

/** `tcp://host:port` as net.connect options; anything else is a clear error. */
export function parseBrokerUrl(url: string): { readonly host: string; readonly port: number } {
  const match = /^tcp:\/\/([^\s:/]+):(\d{1,5})\/?$/.exec(url.trim());
  if (!match)
    throw new Error(
      `ARCHKIT_BROKER_URL "${url}" is not tcp://host:port; expected e.g. ARCHKIT_BROKER_URL=tcp://127.0.0.1:4100 (the address \`archkit dev\` prints)`,
    );
  return { host: match[1]!, port: Number(match[2]) };
}
