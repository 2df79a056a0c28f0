export { testsGenerator } from "./generator.js";
export { contractFile, servicesUnderTest } from "./contract-file.js";
export { literal } from "./literal.js";
