import { UpstreamError, type Kysely, type Selectable } from "archkit/runtime";
import type { Database, Deps, Notification, NotificationsDbNotificationsTable, NotificationsDbRecipientsTable } from "./generated/index.js";
import type { Message } from "./templates.js";

export type NotificationsDb = Kysely<Database>;
export type Recipient = Selectable<NotificationsDbRecipientsTable>;
type NotificationRow = Selectable<NotificationsDbNotificationsTable>;
type Channel = "email" | "sms";
/** What sending needs of a consumer's deps: the database it logs to and the declared email and SMS providers. */
export type Sender = Pick<Deps, "db" | "clients">;

/** The recipient of operational alerts (low stock): a fixed id, the address from `SHOP_OPERATIONS_EMAIL`. */
export const OPERATIONS_RECIPIENT_ID = "00000000-0000-4000-8000-000000000001";

export async function saveRecipient(db: NotificationsDb, recipient: Omit<Recipient, "updatedAt">): Promise<void> {
  await db
    .insertInto("recipients")
    .values(recipient)
    .onConflict((oc) => oc.column("userId").doUpdateSet({ email: recipient.email, phone: recipient.phone, name: recipient.name, updatedAt: new Date() }))
    .execute();
}

/** The contact details UserCreated brought; throwing makes the bus retry, in case UserCreated is still on its way. */
export async function recipientOf(db: NotificationsDb, userId: string): Promise<Recipient> {
  const found = await db.selectFrom("recipients").selectAll().where("userId", "=", userId).executeTakeFirst();
  if (!found) throw new Error(`no contact details for user ${userId} yet (UserCreated not processed); retrying`);
  return found;
}

export async function operationsRecipient(db: NotificationsDb): Promise<Recipient> {
  const recipient = { userId: OPERATIONS_RECIPIENT_ID, email: process.env.SHOP_OPERATIONS_EMAIL ?? "operations@shop.example.com", phone: null, name: "Shop operations" };
  await saveRecipient(db, recipient);
  return { ...recipient, updatedAt: new Date() };
}

/**
 * Sends one message and logs it. The provider refusing it (4xx) is logged as `failed`; an
 * unreachable or failing provider throws, so the bus retries the event.
 */
export async function send(deps: Sender, recipient: Recipient, channel: Channel, message: Message): Promise<void> {
  let status: "sent" | "failed" = "sent";
  try {
    if (channel === "email") await deps.clients.emailProvider({ path: "/messages", body: { to: recipient.email, subject: message.subject, text: message.text, template: message.template } });
    else await deps.clients.smsProvider({ path: "/messages", body: { to: recipient.phone, text: message.text } });
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.failure.kind !== "status" || error.status >= 500) throw error;
    status = "failed";
  }
  await deps.db
    .insertInto("notifications")
    .values({ recipientId: recipient.userId, channel, template: message.template, status, sentAt: status === "sent" ? new Date() : null })
    .execute();
}

/** Email always; a text message too when the recipient gave a phone number. */
export async function sendEmailAndSms(deps: Sender, recipient: Recipient, email: Message, sms: Message): Promise<void> {
  await send(deps, recipient, "email", email);
  if (recipient.phone !== null) await send(deps, recipient, "sms", sms);
}

export async function recentNotifications(db: NotificationsDb, recipientId: string | undefined, limit: number): Promise<Notification[]> {
  const rows = await db
    .selectFrom("notifications")
    .selectAll()
    .$if(recipientId !== undefined, (q) => q.where("recipientId", "=", recipientId!))
    .orderBy("createdAt", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    recipientId: row.recipientId,
    channel: row.channel === "sms" ? "sms" : "email",
    template: row.template,
    status: row.status === "failed" ? "failed" : row.status === "queued" ? "queued" : "sent",
    ...(row.sentAt === null ? {} : { sentAt: new Date(row.sentAt).toISOString() }),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
