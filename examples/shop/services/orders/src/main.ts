import { startOrders } from "./generated/index.js";
import { handlers } from "./handlers.js";

const running = await startOrders(handlers, { signals: true });
console.log(`orders listening on ${running.url}`);
