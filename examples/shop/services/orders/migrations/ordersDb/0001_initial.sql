-- archkit migration 0001 of store ordersDb (expand: the version still running keeps working)
--   create orders, orderItems, orderTransitions
-- Written by `archkit generate`; edit it only before any database has applied it.

create table if not exists "orders" (
  "id" uuid not null default gen_random_uuid(),
  "customerId" uuid not null,
  "status" text not null,
  "total" numeric not null,
  "currency" text not null,
  "paymentId" uuid,
  "shippingAddress" jsonb not null,
  "trackingNumber" text,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now(),
  constraint "orders_pkey" primary key ("id")
);

create table if not exists "orderItems" (
  "id" uuid not null default gen_random_uuid(),
  "orderId" uuid not null,
  "productId" uuid not null,
  "quantity" integer not null,
  "unitPrice" numeric not null,
  constraint "orderItems_pkey" primary key ("id"),
  constraint "orderItems_orderId_fkey" foreign key ("orderId") references "orders" ("id")
);

create table if not exists "orderTransitions" (
  "id" uuid not null default gen_random_uuid(),
  "orderId" uuid not null,
  "fromState" text not null,
  "toState" text not null,
  "event" text not null,
  "occurredAt" timestamptz not null default now(),
  constraint "orderTransitions_pkey" primary key ("id"),
  constraint "orderTransitions_orderId_fkey" foreign key ("orderId") references "orders" ("id")
);

create index if not exists "orders_customerId_idx" on "orders" ("customerId");

create index if not exists "orders_status_idx" on "orders" ("status");

create index if not exists "orderItems_orderId_idx" on "orderItems" ("orderId");

create index if not exists "orderItems_productId_idx" on "orderItems" ("productId");

create index if not exists "orderTransitions_orderId_idx" on "orderTransitions" ("orderId");
