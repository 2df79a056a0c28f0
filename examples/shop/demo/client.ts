/** One HTTP exchange of the demo, as a client of the gateway saw it. */
export interface Step {
  readonly title: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
  readonly body: any;
  readonly ok: boolean;
  readonly correlationId: string;
}

/** Calls the gateway like a front end would, timing each call and keeping every answer. */
export class GatewayClient {
  readonly steps: Step[] = [];
  private token: string | undefined;

  constructor(readonly baseUrl: string) {}

  signIn(token: string): void {
    this.token = token;
  }

  get bearer(): string | undefined {
    return this.token;
  }

  async call(title: string, method: string, path: string, expected: number, body?: unknown): Promise<Step> {
    const correlationId = `demo-${this.steps.length + 1}-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
    const headers: Record<string, string> = { "x-request-id": correlationId };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const began = performance.now();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = Math.round((performance.now() - began) * 10) / 10;
    const step: Step = {
      title,
      method,
      path,
      status: response.status,
      ms,
      body: parse(text),
      ok: response.status === expected,
      correlationId,
    };
    this.steps.push(step);
    return step;
  }
}

function parse(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Polls until `probe` returns something (or the time is up: then undefined). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
