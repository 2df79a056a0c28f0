import { request } from "undici";

export interface WaitReadyOptions {
  readonly timeoutMs: number;
  /** Resolves when the process behind the URL is gone, so waiting stops at once. */
  readonly exited?: Promise<unknown>;
  /** For the error message, e.g. "service orders". */
  readonly what: string;
}

/** Polls `<url>/readyz` until it answers 200; rejects when the process exits or time runs out. */
export async function waitReady(url: string, options: WaitReadyOptions): Promise<void> {
  let gone = false;
  void options.exited?.then(() => (gone = true));
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${options.what} exited before it was ready`);
    if (await isReady(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`${options.what} was not ready at ${url}/readyz within ${options.timeoutMs} ms`);
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await request(`${url}/readyz`, { headersTimeout: 1_000, bodyTimeout: 1_000 });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}
