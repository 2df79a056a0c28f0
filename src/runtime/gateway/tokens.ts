import { SignJWT } from "jose";
import type { GatewayAuth, Model } from "../../model/index.js";
import { parseDuration } from "../../model/units.js";

export interface TokenClaims {
  readonly sub: string;
  readonly roles?: readonly string[];
  /** More claims to sign. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface IssueOptions {
  /** Issuer, audience, roles claim and secret variable come from `model.gateway.auth`... */
  readonly model?: Model;
  /** ...or from this. */
  readonly auth?: GatewayAuth;
  /** Default: the variable named by `auth.secretEnv`. */
  readonly secret?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Seconds, or a duration like `15m` (default 15m). */
  readonly expiresIn?: number | string;
}

/** What a login endpoint answers (the spec's `Token` without the refresh token). */
export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: "Bearer";
  /** Seconds. */
  readonly expiresIn: number;
}

/**
 * Signs an access token the gateway accepts: HS256 (or the first HS algorithm the spec allows)
 * with the gateway secret, issuer, audience, `sub` and the roles under the roles claim.
 *
 * @example
 * const { accessToken, expiresIn } = await issueToken({ sub: user.id, roles: [user.role] }, { model });
 */
export async function issueToken(claims: TokenClaims, options: IssueOptions): Promise<IssuedToken> {
  const auth = options.auth ?? options.model?.gateway?.auth;
  if (!auth) throw new Error("issueToken needs the gateway auth of the spec: pass { model } or { auth }");
  const algorithm = auth.algorithms.find((a) => a.startsWith("HS"));
  if (!algorithm)
    throw new Error(`issueToken signs with a shared secret, but the spec allows only ${auth.algorithms.join(", ")}`);
  const secret = options.secret ?? (options.env ?? process.env)[auth.secretEnv];
  if (secret === undefined || secret === "")
    throw new Error(`issueToken needs the gateway secret: set ${auth.secretEnv}`);
  const expiresIn = seconds(options.expiresIn ?? "15m");
  const jwt = new SignJWT({ ...claims.extra, ...rolesClaim(auth.rolesClaim, claims.roles ?? []) })
    .setProtectedHeader({ alg: algorithm, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`);
  if (auth.issuer !== undefined) jwt.setIssuer(auth.issuer);
  if (auth.audience !== undefined) jwt.setAudience(auth.audience);
  return { accessToken: await jwt.sign(new TextEncoder().encode(secret)), tokenType: "Bearer", expiresIn };
}

function seconds(value: number | string): number {
  return typeof value === "number" ? value : Math.round(parseDuration(value) / 1000);
}

/** `{ roles: [...] }`, or nested objects for a dotted claim such as `realm_access.roles`. */
function rolesClaim(path: string, roles: readonly string[]): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((value, key) => ({ [key]: value }), [...roles]) as Record<string, unknown>;
}
