import { startPayments } from "./generated/index.js";
import { handlers } from "./handlers.js";

const running = await startPayments(handlers, { signals: true });
console.log(`payments listening on ${running.url}`);
