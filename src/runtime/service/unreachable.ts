export { unreachable } from "../../model/errors.js";
