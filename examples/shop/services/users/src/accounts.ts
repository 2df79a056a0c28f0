import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "archkit/runtime";
import type { Database, User, UsersDbUsersTable } from "./generated/index.js";
import { hashPassword } from "./passwords.js";

export type UserRow = Selectable<UsersDbUsersTable>;

/** Refresh tokens live 30 days; the access token's 15 minutes come from the spec's Token description. */
export const REFRESH_TOKEN_DAYS = 30;
export const ACCESS_TOKEN_TTL = "15m";

export type UsersDb = Kysely<Database>;

/** Emails are compared case-insensitively: they are stored lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    ...(row.phone === null ? {} : { phone: row.phone }),
    role: row.role === "admin" ? "admin" : "customer",
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function profileCacheKey(userId: string): string {
  return `user:${userId}`;
}

/** True for a unique-constraint violation (PostgreSQL and PGlite both report code 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23505";
}

/** A new refresh token and the session row that remembers its hash (never the token itself). */
export async function openSession(db: UsersDb, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000);
  await db.insertInto("sessions").values({ userId, refreshTokenHash: createHash("sha256").update(token).digest("hex"), expiresAt }).execute();
  return token;
}

const adminSeeded = new WeakMap<UsersDb, Promise<void>>();

/**
 * Administrators cannot register themselves: when `SHOP_ADMIN_EMAIL` and `SHOP_ADMIN_PASSWORD`
 * are set, that account exists with the admin role (created on the service's first request).
 */
export function ensureAdmin(db: UsersDb): Promise<void> {
  let seeded = adminSeeded.get(db);
  if (!seeded) {
    seeded = seedAdmin(db).catch((error: unknown) => {
      adminSeeded.delete(db);
      throw error;
    });
    adminSeeded.set(db, seeded);
  }
  return seeded;
}

async function seedAdmin(db: UsersDb): Promise<void> {
  const email = process.env.SHOP_ADMIN_EMAIL;
  const password = process.env.SHOP_ADMIN_PASSWORD;
  if (!email || !password) return;
  const passwordHash = await hashPassword(password);
  await db
    .insertInto("users")
    .values({ email: normalizeEmail(email), passwordHash, name: "Shop administrator", phone: null, role: "admin" })
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
}
