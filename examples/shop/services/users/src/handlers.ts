import { HttpProblem, issueToken, type UserIdentity } from "archkit/runtime";
import {
  ACCESS_TOKEN_TTL,
  ensureAdmin,
  isUniqueViolation,
  normalizeEmail,
  openSession,
  profileCacheKey,
  toUser,
  type UserRow,
} from "./accounts.js";
import { model, type Handlers, type User } from "./generated/index.js";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords.js";

/** User Service: registration, login (JWTs the gateway verifies) and profiles. */
export const handlers: Handlers = {
  async register(req) {
    const { deps } = req.ctx;
    await ensureAdmin(deps.db);
    const email = normalizeEmail(req.body.email);
    const passwordHash = await hashPassword(req.body.password);
    try {
      const user = await deps.tx(async (tx) => {
        const row = await tx.db
          .insertInto("users")
          .values({ email, passwordHash, name: req.body.name, phone: req.body.phone ?? null, role: "customer" })
          .returningAll()
          .executeTakeFirstOrThrow();
        const created = toUser(row);
        await tx.publish("UserCreated", {
          userId: created.id,
          email,
          name: created.name,
          ...(created.phone ? { phone: created.phone } : {}),
          occurredAt: created.createdAt,
        });
        return created;
      });
      return { status: 201, body: user, headers: { location: `/users/${user.id}` } };
    } catch (error) {
      if (isUniqueViolation(error))
        return { status: 409, body: conflict(`an account with the email ${email} already exists`) };
      throw error;
    }
  },

  async login(req) {
    const { deps } = req.ctx;
    await ensureAdmin(deps.db);
    const { db } = deps;
    const row = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", normalizeEmail(req.body.email))
      .executeTakeFirst();
    const valid = await verifyPassword(req.body.password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !valid)
      return {
        status: 401,
        body: { type: "about:blank", title: "Unauthorized", status: 401, detail: "the email or the password is wrong" },
      };
    const token = await issueToken({ sub: row.id, roles: [row.role] }, { model, expiresIn: ACCESS_TOKEN_TTL });
    const refreshToken = await openSession(db, row.id);
    return { status: 200, body: { ...token, refreshToken } };
  },

  async getProfile(req) {
    const { ctx, params } = req;
    mayAccess(ctx, params.userId);
    const cached = await ctx.deps.cache.get<User>(profileCacheKey(params.userId));
    if (cached) return { status: 200, body: cached };
    const row = await ctx.deps.db.selectFrom("users").selectAll().where("id", "=", params.userId).executeTakeFirst();
    if (!row) return { status: 404 };
    const user = toUser(row);
    await ctx.deps.cache.set(profileCacheKey(user.id), user);
    return { status: 200, body: user };
  },

  async updateProfile(req) {
    const { ctx, params, body } = req;
    mayAccess(ctx, params.userId);
    const changes = {
      ...(body.email === undefined ? {} : { email: normalizeEmail(body.email) }),
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.phone === undefined ? {} : { phone: body.phone }),
    };
    let row: UserRow | undefined;
    try {
      row = await ctx.deps.tx(async (tx) => {
        const updated = await tx.db
          .updateTable("users")
          .set({ ...changes, updatedAt: new Date() })
          .where("id", "=", params.userId)
          .returningAll()
          .executeTakeFirst();
        if (updated)
          await tx.publish("UserUpdated", { userId: updated.id, ...changes, occurredAt: new Date().toISOString() });
        return updated;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        return { status: 409, body: conflict(`another account uses the email ${changes.email ?? ""}`) };
      throw error;
    }
    if (!row) return { status: 404 };
    await ctx.deps.cache.delete(profileCacheKey(row.id));
    return { status: 200, body: toUser(row) };
  },
};

/** Customers may read and change their own profile; admins any profile. */
function mayAccess(ctx: { readonly user?: UserIdentity }, userId: string): void {
  const user = ctx.user;
  if (user && (user.id === userId || user.roles.includes("admin"))) return;
  throw new HttpProblem(403, "Forbidden", "customers may only access their own profile");
}

function conflict(detail: string) {
  return { type: "about:blank", title: "Conflict", status: 409, detail };
}
