export { startService } from "./start.js";
export type { RunningService, StartServiceOptions } from "./start.js";
