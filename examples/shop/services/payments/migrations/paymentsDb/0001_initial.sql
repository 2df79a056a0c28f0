-- archkit migration 0001 of store paymentsDb (expand: the version still running keeps working)
--   create payments, refunds
-- Written by `archkit generate`; edit it only before any database has applied it.

create table if not exists "payments" (
  "id" uuid not null default gen_random_uuid(),
  "orderId" uuid not null,
  "customerId" uuid not null,
  "amount" numeric not null,
  "currency" text not null,
  "status" text not null,
  "providerRef" text,
  "failureReason" text,
  "createdAt" timestamptz not null default now(),
  constraint "payments_pkey" primary key ("id"),
  constraint "payments_orderId_key" unique ("orderId")
);

create table if not exists "refunds" (
  "id" uuid not null default gen_random_uuid(),
  "paymentId" uuid not null,
  "amount" numeric not null,
  "providerRef" text,
  "createdAt" timestamptz not null default now(),
  constraint "refunds_pkey" primary key ("id"),
  constraint "refunds_paymentId_fkey" foreign key ("paymentId") references "payments" ("id")
);

create index if not exists "payments_customerId_idx" on "payments" ("customerId");

create index if not exists "payments_status_idx" on "payments" ("status");

create index if not exists "refunds_paymentId_idx" on "refunds" ("paymentId");
