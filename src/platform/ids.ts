import { v7 } from "uuid";

/** A new primary key: UUID version 7, time-ordered for index locality. */
export function newId(): string {
  return v7();
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when a path parameter can be an id; anything else is simply "not found". */
export function isId(value: string): boolean {
  return uuidPattern.test(value);
}
