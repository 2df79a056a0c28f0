import { startNotifications } from "./generated/index.js";
import { handlers } from "./handlers.js";

const running = await startNotifications(handlers, { signals: true });
console.log(`notifications listening on ${running.url}`);
