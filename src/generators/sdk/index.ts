export { sdkGenerator } from "./generator.js";
