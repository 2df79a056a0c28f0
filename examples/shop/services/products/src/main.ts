import { ensureCatalog } from "./catalog-seed.js";
import { startProducts } from "./generated/index.js";
import { handlers } from "./handlers.js";

const running = await startProducts(handlers, { signals: true });
if (running.db) await ensureCatalog(running.db.db);
console.log(`products listening on ${running.url}`);
