-- archkit migration 0001 of store catalog (expand: the version still running keeps working)
--   create products, categories
-- Written by `archkit generate`; edit it only before any database has applied it.

create table if not exists "products" (
  id text not null,
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint "products_pkey" primary key (id)
);

create table if not exists "categories" (
  id text not null,
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint "categories_pkey" primary key (id)
);
