-- archkit migration 0001 of store usersDb (expand: the version still running keeps working)
--   create users, addresses, sessions
-- Written by `archkit generate`; edit it only before any database has applied it.

create table if not exists "users" (
  "id" uuid not null default gen_random_uuid(),
  "email" text not null,
  "passwordHash" text not null,
  "name" text not null,
  "phone" text,
  "role" text not null,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now(),
  constraint "users_pkey" primary key ("id"),
  constraint "users_email_key" unique ("email")
);

create table if not exists "addresses" (
  "id" uuid not null default gen_random_uuid(),
  "userId" uuid not null,
  "line1" text not null,
  "line2" text,
  "city" text not null,
  "postalCode" text not null,
  "country" text not null,
  constraint "addresses_pkey" primary key ("id"),
  constraint "addresses_userId_fkey" foreign key ("userId") references "users" ("id")
);

create table if not exists "sessions" (
  "id" uuid not null default gen_random_uuid(),
  "userId" uuid not null,
  "refreshTokenHash" text not null,
  "expiresAt" timestamptz not null,
  "createdAt" timestamptz not null default now(),
  constraint "sessions_pkey" primary key ("id"),
  constraint "sessions_refreshTokenHash_key" unique ("refreshTokenHash"),
  constraint "sessions_userId_fkey" foreign key ("userId") references "users" ("id")
);

create index if not exists "users_role_idx" on "users" ("role");

create index if not exists "addresses_userId_idx" on "addresses" ("userId");

create index if not exists "sessions_userId_idx" on "sessions" ("userId");
