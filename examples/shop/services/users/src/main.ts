import { startUsers } from "./generated/index.js";
import { handlers } from "./handlers.js";

const running = await startUsers(handlers, { signals: true });
console.log(`users listening on ${running.url}`);
