import { startProducts } from "./generated/index.js";
import { handlers } from "./handlers.js";

const running = await startProducts(handlers, { signals: true });
console.log(`products listening on ${running.url}`);
