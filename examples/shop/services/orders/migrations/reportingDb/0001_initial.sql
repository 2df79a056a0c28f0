-- archkit migration 0001 of store reportingDb (expand: the version still running keeps working)
--   create dailySales
-- Written by `archkit generate`; edit it only before any database has applied it.

create table if not exists "dailySales" (
  "day" date not null,
  "orderCount" integer not null default 0,
  "grossRevenue" numeric not null default 0,
  "refunded" numeric not null default 0,
  "updatedAt" timestamptz not null default now(),
  constraint "dailySales_pkey" primary key ("day")
);
