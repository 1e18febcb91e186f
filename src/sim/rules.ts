/**
 * The rules every piece of untrusted input is checked by: cluster options,
 * the arguments of API calls, checkpoints given to fromState, and (through
 * src/scenario/validate.ts) scenarios from links and files. One module, so a
 * bound or a message cannot differ between the API, the worker, the link codec
 * and the file importer.
 *
 * Checks throw a RangeError (a TypeError where the value has the wrong type)
 * whose message starts with the name of what was wrong and says what it must
 * be. Input is read through own properties only: a value inherited through
 * the prototype chain (e.g. Object.create({ unsafe: {...} })) is never read.
 */
import { LIMITS } from './limits';

export function fail(message: string): never {
  throw new RangeError(message);
}

/** A value as it appears in an error message: short strings quoted, big things summarised. */
export function describe(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (x === null) return 'null';
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'symbol' || typeof x === 'function') return `a ${typeof x}`;
  return String(x);
}

/** The type of a value, in words, for "must be a number, got the string "35"". */
export function describeType(x: unknown): string {
  if (typeof x === 'string') return `the string ${describe(x)}`;
  if (x === null || x === undefined) return String(x);
  if (Array.isArray(x)) return describe(x);
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'number') return String(x);
  return `${/^[aeiou]/.test(typeof x) ? 'an' : 'a'} ${typeof x} (${describe(x)})`;
}

/** At most this many items of a list are echoed in a message. */
export const ECHO_ITEMS = 10;

/** A list for a message: "1, 2, 3" or "1, 2, …, 10 (and 999990 more)", never the whole of a huge list. */
export function echoList(xs: readonly unknown[]): string {
  const shown = xs.slice(0, ECHO_ITEMS).map((x) => (typeof x === 'number' ? String(x) : describe(x)));
  return xs.length > ECHO_ITEMS ? `${shown.join(', ')}, … (${xs.length} in all)` : shown.join(', ');
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** An own property's value (undefined when absent or only inherited). */
export function ownValue(o: object, key: string): unknown {
  return hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/**
 * Refuse a non-object, or an object with an own field not in `allowed`. (Its
 * prototype is not judged here: what it inherits is never read. Data from a
 * link or a file is also required to be plain, by src/scenario/validate.ts.)
 */
export function checkFields(name: string, x: unknown, allowed: readonly string[], what: string | (() => string) = name): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(`${name} must be an object (got ${describe(x)})`);
  // Own enumerable keys, as Object.keys lists them, without the list: every
  // user action comes through here (a command every 100 ms in the bench).
  for (const key in x) {
    if (Object.hasOwn(x, key) && !allowed.includes(key)) {
      fail(`${name} has an unknown field ${describe(key)}; ${typeof what === 'string' ? what : what()} can have: ${allowed.join(', ')}`);
    }
  }
  return x as Record<string, unknown>;
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function checkInteger(name: string, x: unknown, min: number, max: number): number {
  if (!isFiniteNumber(x) || !Number.isInteger(x) || x < min || x > max) {
    fail(`${name} must be a whole number from ${min} to ${max} (got ${describe(x)})`);
  }
  return x;
}

export function checkNumber(name: string, x: unknown, min: number, max: number): number {
  if (!isFiniteNumber(x) || x < min || x > max) fail(`${name} must be a number from ${min} to ${max} (got ${describe(x)})`);
  return x;
}

export function checkRate(name: string, x: unknown): number {
  return checkNumber(name, x, 0, 1);
}

export function checkRange(name: string, x: unknown, min: number, max: number): [number, number] {
  if (!Array.isArray(x) || x.length !== 2) fail(`${name} must be a pair [min, max] of milliseconds (got ${describe(x)})`);
  const lo = checkNumber(`${name}[0]`, x[0], min, max);
  const hi = checkNumber(`${name}[1]`, x[1], min, max);
  if (lo > hi) fail(`${name} must have min <= max (got [${lo}, ${hi}])`);
  return [lo, hi];
}

export function checkBoolean(name: string, x: unknown): boolean {
  if (typeof x !== 'boolean') fail(`${name} must be true or false (got ${describe(x)})`);
  return x;
}

/**
 * An id (of a server, a message, a pending event) must be a number before it
 * is looked up: "no message 35 is in flight" for the string "35" would send the
 * user looking for the wrong problem.
 */
export function checkIdType(name: string, x: unknown): number {
  if (typeof x !== 'number') throw new TypeError(`${name} must be a number, got ${describeType(x)}`);
  return x;
}

/**
 * How far one call may move simulated time: LIMITS.timeMs (one simulated hour,
 * the longest run a scenario can describe). Without a bound, runFor(1e12)
 * would keep the worker busy for days.
 */
export function checkSpanMs(name: string, ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) fail(`${name} must be a finite number >= 0 (got ${describe(ms)})`);
  if (ms > LIMITS.timeMs) {
    fail(`${name} must be at most LIMITS.timeMs = ${LIMITS.timeMs} ms (one simulated hour) per call (got ${ms}); run in steps to go further`);
  }
  return ms;
}
