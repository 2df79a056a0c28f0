import { execFile } from "node:child_process";

export interface JunitSummary {
  readonly tests: number;
  readonly failures: number;
  /** The failed test cases: name and failure message. */
  readonly failed: readonly { readonly name: string; readonly message: string }[];
  /** Which checker read the file. */
  readonly parser: "python xml.etree" | "structural";
}

const PYTHON = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
assert root.tag == "testsuites", root.tag
cases = root.findall("./testsuite/testcase")
failed = [{"name": c.get("name"), "message": f.get("message")} for c in cases for f in c.findall("failure")]
assert int(root.get("tests")) == len(cases), "tests attribute"
assert int(root.get("failures")) == len(failed), "failures attribute"
for suite in root.findall("testsuite"):
    assert int(suite.get("tests")) == len(suite.findall("testcase")), "suite tests"
    assert int(suite.get("failures")) == len(suite.findall("testcase/failure")), "suite failures"
print(json.dumps({"tests": len(cases), "failures": len(failed), "failed": failed}))
`;

/**
 * Reads a JUnit report with a real XML parser (Python's xml.etree) when python3 is installed,
 * else with a strict structural check; either way the counts in the attributes must match the cases.
 */
export async function parseJunit(xml: string): Promise<JunitSummary> {
  const parsed = await python(xml);
  if (parsed) return { ...parsed, parser: "python xml.etree" };
  return structural(xml);
}

function python(xml: string): Promise<Omit<JunitSummary, "parser"> | undefined> {
  return new Promise((resolve, reject) => {
    const child = execFile("python3", ["-c", PYTHON], (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === "ENOENT") return resolve(undefined);
      if (error) return reject(new Error(`the JUnit report does not parse: ${stderr}`));
      resolve(JSON.parse(stdout) as Omit<JunitSummary, "parser">);
    });
    child.stdin?.end(xml);
  });
}

function structural(xml: string): JunitSummary {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites '))
    throw new Error("no XML declaration and <testsuites> root");
  const stack: string[] = [];
  for (const tag of xml.matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
    if (tag[1] === "/") {
      if (stack.pop() !== tag[2]) throw new Error(`</${tag[2]}> closes nothing open`);
    } else if (tag[3] !== "/") stack.push(tag[2]!);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join(">, <")}>`);
  const failed = [...xml.matchAll(/<testcase [^>]*name="([^"]*)"[^>]*>\s*<failure message="([^"]*)"/g)].map((m) => ({
    name: unescape(m[1]!),
    message: unescape(m[2]!),
  }));
  const tests = [...xml.matchAll(/<testcase /g)].length;
  const root = /<testsuites [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml);
  if (Number(root?.[1]) !== tests || Number(root?.[2]) !== failed.length)
    throw new Error("the counts on <testsuites> do not match its test cases");
  return { tests, failures: failed.length, failed, parser: "structural" };
}

function unescape(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}
