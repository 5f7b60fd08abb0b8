/** Communication's interface strings: Swedish first, English with every key. */
export { sv } from "./messages/sv.js";
export { en } from "./messages/en.js";
