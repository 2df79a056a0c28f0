-- archkit migration 0001 of store notificationsDb (expand: the version still running keeps working)
--   create recipients, notifications
-- Written by `archkit generate`; edit it only before any database has applied it.

create table if not exists "recipients" (
  "userId" uuid not null,
  "email" text not null,
  "phone" text,
  "name" text not null,
  "updatedAt" timestamptz not null default now(),
  constraint "recipients_pkey" primary key ("userId")
);

create table if not exists "notifications" (
  "id" uuid not null default gen_random_uuid(),
  "recipientId" uuid not null,
  "channel" text not null,
  "template" text not null,
  "status" text not null,
  "sentAt" timestamptz,
  "createdAt" timestamptz not null default now(),
  constraint "notifications_pkey" primary key ("id"),
  constraint "notifications_recipientId_fkey" foreign key ("recipientId") references "recipients" ("userId")
);

create index if not exists "notifications_recipientId_idx" on "notifications" ("recipientId");

create index if not exists "notifications_status_idx" on "notifications" ("status");
