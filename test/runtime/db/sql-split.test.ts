import { describe, expect, it } from "vitest";
import { splitStatements } from "../../../src/runtime/db/sql-split.js";

const cases: { name: string; script: string; want: string[] }[] = [
  { name: "statements at top-level semicolons", script: "select 1;\nselect 2;\n", want: ["select 1", "select 2"] },
  { name: "a last statement without a semicolon", script: "select 1;\nselect 2", want: ["select 1", "select 2"] },
  {
    name: "a semicolon inside a string literal",
    script: "insert into t values ('a;b');",
    want: ["insert into t values ('a;b')"],
  },
  { name: "a doubled quote inside a literal", script: "select 'it''s; fine';", want: ["select 'it''s; fine'"] },
  {
    name: "a semicolon inside a quoted identifier",
    script: 'create table "a;b" (x int);',
    want: ['create table "a;b" (x int)'],
  },
  {
    name: "a dollar-quoted body",
    script: "create function f() returns int language plpgsql as $$ begin return 1; end $$;\nselect f();",
    want: ["create function f() returns int language plpgsql as $$ begin return 1; end $$", "select f()"],
  },
  {
    name: "a tagged dollar quote",
    script: "do $fn$ begin perform 1; end $fn$;",
    want: ["do $fn$ begin perform 1; end $fn$"],
  },
  {
    name: "a semicolon in a line comment",
    script: "-- note; not a statement\nselect 1;",
    want: ["-- note; not a statement\nselect 1"],
  },
  { name: "a semicolon in a block comment", script: "/* a; b */ select 1;", want: ["/* a; b */ select 1"] },
  { name: "comment-only pieces are dropped", script: "select 1;\n-- the end\n", want: ["select 1"] },
  {
    name: "a positional parameter is not a dollar quote",
    script: "select $1;select 2;",
    want: ["select $1", "select 2"],
  },
];

describe("splitStatements", () => {
  it.each(cases)("$name", ({ script, want }) => {
    expect(splitStatements(script)).toEqual(want);
  });
});
