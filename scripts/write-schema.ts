import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { renderRulesDoc } from "../src/model/rules-doc.js";
import { specJsonSchemaText, specPartJsonSchemaText } from "../src/model/schema/index.js";

const root = new URL("../", import.meta.url);
await writeFile(fileURLToPath(new URL("schema/architecture.schema.json", root)), specJsonSchemaText());
await writeFile(fileURLToPath(new URL("schema/architecture-part.schema.json", root)), specPartJsonSchemaText());
await writeFile(fileURLToPath(new URL("docs/rules.md", root)), renderRulesDoc());
process.stdout.write("wrote schema/architecture.schema.json, schema/architecture-part.schema.json and docs/rules.md\n");
