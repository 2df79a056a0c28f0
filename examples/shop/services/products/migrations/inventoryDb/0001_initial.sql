-- archkit migration 0001 of store inventoryDb (expand: the version still running keeps working)
--   create stock, reservations
-- Written by `archkit generate`; edit it only before any database has applied it.

create table if not exists "stock" (
  "productId" uuid not null,
  "available" integer not null default 0,
  "reserved" integer not null default 0,
  "lowStockThreshold" integer not null default 10,
  "updatedAt" timestamptz not null default now(),
  constraint "stock_pkey" primary key ("productId")
);

create table if not exists "reservations" (
  "id" uuid not null default gen_random_uuid(),
  "productId" uuid not null,
  "orderId" uuid not null,
  "quantity" integer not null,
  "status" text not null,
  "expiresAt" timestamptz not null,
  "createdAt" timestamptz not null default now(),
  constraint "reservations_pkey" primary key ("id"),
  constraint "reservations_productId_fkey" foreign key ("productId") references "stock" ("productId")
);

create index if not exists "reservations_productId_idx" on "reservations" ("productId");

create index if not exists "reservations_orderId_idx" on "reservations" ("orderId");

create index if not exists "reservations_status_idx" on "reservations" ("status");

create index if not exists "reservations_expiresAt_idx" on "reservations" ("expiresAt");
