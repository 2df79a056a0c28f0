import { compileFile } from "../src/model/index.js";
const t = performance.now();
const r = await compileFile(process.argv[2] ?? "architecture.yaml");
console.log("ms", (performance.now() - t).toFixed(1), "ok", r.ok);
for (const d of r.diagnostics) console.log(`${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}${d.hint ? "  [" + d.hint + "]" : ""}`);
if (r.model) console.log(r.model.services.map(s => s.id + ":" + s.port).join(" "), r.model.events.map(e => e.topic).join(" "));
const t2 = performance.now(); await compileFile(process.argv[2] ?? "architecture.yaml"); console.log("warm ms", (performance.now() - t2).toFixed(1));
