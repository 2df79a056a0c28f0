import { startNotes } from "./generated/index.js";
import { handlers } from "./handlers.js";

const running = await startNotes(handlers, { signals: true });
console.log(`notes listening on ${running.url}`);
