import { createClients, UpstreamError, type Clients, type DatabaseHandle, type Kysely, type Selectable, type Transaction } from "archkit/runtime";
import { model, type Notification, type NotificationsDbDatabase, type NotificationsDbNotificationsTable, type NotificationsDbRecipientsTable } from "./generated/index.js";
import type { Message } from "./templates.js";

export type NotificationsDb = Kysely<NotificationsDbDatabase>;
export type NotificationsTx = Transaction<NotificationsDbDatabase>;
export type Recipient = Selectable<NotificationsDbRecipientsTable>;
type NotificationRow = Selectable<NotificationsDbNotificationsTable>;
type Providers = Clients<never, "emailProvider" | "smsProvider">;
type Channel = "email" | "sms";

/** The recipient of operational alerts (low stock): a fixed id, the address from `SHOP_OPERATIONS_EMAIL`. */
export const OPERATIONS_RECIPIENT_ID = "00000000-0000-4000-8000-000000000001";

export function notificationsDb(handle: DatabaseHandle): NotificationsDb {
  return handle.db as NotificationsDb;
}

let providers: Providers | undefined;

/**
 * The email and SMS clients. Consumers receive the payload and the event context only (no
 * `deps`), so they build the declared clients themselves, from the same environment variables the
 * service's own clients read (`EXTERNAL_EMAIL_PROVIDER_URL`, `EXTERNAL_SMS_PROVIDER_URL`).
 */
function providerClients(): Providers {
  providers ??= createClients<never, "emailProvider" | "smsProvider">({ model, service: "notifications" });
  return providers;
}

export async function saveRecipient(tx: NotificationsTx, recipient: Omit<Recipient, "updatedAt">): Promise<void> {
  await tx
    .insertInto("recipients")
    .values(recipient)
    .onConflict((oc) => oc.column("userId").doUpdateSet({ email: recipient.email, phone: recipient.phone, name: recipient.name, updatedAt: new Date() }))
    .execute();
}

/** The contact details UserCreated brought; throwing makes the bus retry, in case UserCreated is still on its way. */
export async function recipientOf(tx: NotificationsTx, userId: string): Promise<Recipient> {
  const found = await tx.selectFrom("recipients").selectAll().where("userId", "=", userId).executeTakeFirst();
  if (!found) throw new Error(`no contact details for user ${userId} yet (UserCreated not processed); retrying`);
  return found;
}

export async function operationsRecipient(tx: NotificationsTx): Promise<Recipient> {
  const recipient = { userId: OPERATIONS_RECIPIENT_ID, email: process.env.SHOP_OPERATIONS_EMAIL ?? "operations@shop.example.com", phone: null, name: "Shop operations" };
  await saveRecipient(tx, recipient);
  return { ...recipient, updatedAt: new Date() };
}

/**
 * Sends one message and logs it. The provider refusing it (4xx) is logged as `failed`; an
 * unreachable or failing provider throws, so the bus retries the event.
 */
export async function send(tx: NotificationsTx, recipient: Recipient, channel: Channel, message: Message): Promise<void> {
  let status: "sent" | "failed" = "sent";
  try {
    if (channel === "email") await providerClients().emailProvider({ path: "/messages", body: { to: recipient.email, subject: message.subject, text: message.text, template: message.template } });
    else await providerClients().smsProvider({ path: "/messages", body: { to: recipient.phone, text: message.text } });
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.failure.kind !== "status" || error.status >= 500) throw error;
    status = "failed";
  }
  await tx
    .insertInto("notifications")
    .values({ recipientId: recipient.userId, channel, template: message.template, status, sentAt: status === "sent" ? new Date() : null })
    .execute();
}

/** Email always; a text message too when the recipient gave a phone number. */
export async function sendEmailAndSms(tx: NotificationsTx, recipient: Recipient, email: Message, sms: Message): Promise<void> {
  await send(tx, recipient, "email", email);
  if (recipient.phone !== null) await send(tx, recipient, "sms", sms);
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
