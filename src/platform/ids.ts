import { monotonicFactory } from 'ulidx';

const nextUlid = monotonicFactory();

/** A new sortable identifier (ULID): time-ordered, 26 characters, unique across processes. */
export function newId(): string {
  return nextUlid();
}

/** The current time as a UTC ISO-8601 string, the only form timestamps are stored in. */
export function nowIso(): string {
  return new Date().toISOString();
}
