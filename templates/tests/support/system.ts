import type { Model } from "archkit/model";
import type { FixtureRequest } from "archkit/runtime";
import { checkFixtureRequests, checkInvalid, checkRefused, checkValid, type Expectation } from "./endpoints.js";
import { checkCall, checkConsumed, checkPublished, checkRejected } from "./interactions.js";
import { startLocal, type ServiceEntry } from "./local.js";
import { endpointOf, type SampleRequest, type TestContext } from "./model.js";
import { localTarget, remoteTarget, type Target } from "./target.js";

export interface ContractOptions {
  readonly model: Model;
  /** The service whose contracts the file checks. */
  readonly service: string;
  /** It and every service it calls, started in-process unless `ARCHKIT_BASE_URL` is set. */
  readonly services: Readonly<Record<string, ServiceEntry>>;
}

/**
 * The system one contract test file talks to, and its checks. With `ARCHKIT_BASE_URL` set (the
 * gateway of a running system) requests go there; otherwise the services start in this process
 * on the embedded defaults.
 *
 * @example
 * const system = contractSystem({ model, service: "orders", services: { orders: service(startOrders, handlers) } });
 * beforeAll(() => system.start());
 * afterAll(() => system.close());
 */
export function contractSystem(options: ContractOptions): ContractSystem {
  return new ContractSystem(options);
}

export class ContractSystem {
  private current?: Target;

  constructor(private readonly options: ContractOptions) {}

  async start(): Promise<void> {
    const baseUrl = process.env.ARCHKIT_BASE_URL;
    const { model } = this.options;
    this.current = baseUrl ? remoteTarget(model, baseUrl) : localTarget(model, await startLocal(model, this.options.services));
  }

  async close(): Promise<void> {
    await this.current?.local?.close();
    this.current = undefined;
  }

  checkValid(ctx: TestContext, endpoint: string, request: SampleRequest, expectation: Expectation = "declared"): Promise<void> {
    return checkValid(ctx, this.target, endpointOf(this.options.model, endpoint), request, expectation);
  }

  checkFixtureRequests(ctx: TestContext, endpoint: string, built: SampleRequest, given: readonly FixtureRequest[] | undefined): Promise<void> {
    return checkFixtureRequests(ctx, this.target, endpointOf(this.options.model, endpoint), built, given);
  }

  checkInvalid(ctx: TestContext, endpoint: string, request: SampleRequest, pointer: string): Promise<void> {
    return checkInvalid(ctx, this.target, endpointOf(this.options.model, endpoint), request, pointer);
  }

  checkUnauthorized(ctx: TestContext, endpoint: string, request: SampleRequest): Promise<void> {
    return checkRefused(ctx, this.target, endpointOf(this.options.model, endpoint), request, 401);
  }

  checkForbidden(ctx: TestContext, endpoint: string, request: SampleRequest): Promise<void> {
    return checkRefused(ctx, this.target, endpointOf(this.options.model, endpoint), request, 403);
  }

  async checkCall(ctx: TestContext, call: string): Promise<void> {
    checkCall(ctx, this.target, this.options.service, call);
  }

  async checkPublished(ctx: TestContext, event: string): Promise<void> {
    checkPublished(ctx, this.target, event);
  }

  checkConsumed(ctx: TestContext, handler: string, event: string, payload: unknown): Promise<void> {
    return checkConsumed(ctx, this.target, this.options.service, handler, event, payload);
  }

  checkRejected(ctx: TestContext, handler: string, event: string, payload: unknown): Promise<void> {
    return checkRejected(ctx, this.target, this.options.service, handler, event, payload);
  }

  private get target(): Target {
    if (!this.current) throw new Error("the contract system has not started: call system.start() in beforeAll");
    return this.current;
  }
}
