/**
 * The object layouts and strings the trace ring's arena (flatArena.ts) stores
 * by number: every layout of message or note met so far, looked up by its
 * discriminant, and the engine's short strings. Shared by every arena (a
 * layout is a fact about the engine's code, not about one run).
 */
import { ENVELOPE_KEYS } from './network';

export interface Shape {
  keys: string[];
  tag: string;
  /** Position of the discriminant among the keys. */
  tagAt: number;
}

/**
 * Every object layout met so far (shared by all arenas: a layout is a fact about
 * the engine's code, not about one run). Candidates are looked up by the object's
 * discriminant (a message's `type`, a note's `kind`) and compared key by key with
 * for-in, which allocates nothing.
 */
export const shapes: Shape[] = [];
export const shapesByTag = new Map<string, number[]>();

/** Strings stored as numbers: the engine's vocabulary (roles, reasons, types). Commands and keys, unbounded, are references. */
const MAX_STRINGS = 4096;
const stringIds = new Map<string, number>();
export const strings: string[] = [];

/**
 * What a message on the wire carries beside it (the simulator's envelope: its
 * id, when it was sent and is due, whether it will be lost, whether it is a
 * copy). A message put with an envelope is kept as the one object it shows,
 * the message's own keys followed by ENVELOPE_KEYS.
 */
export interface Envelope {
  id: number;
  sentAt: number;
  /** When it is due: shown as deliverAt. */
  time: number;
  lost: boolean;
  duplicate: boolean;
}

/** Whether `keys` has the envelope's keys, in order, from position `at`. */
export function envelopeAt(keys: readonly string[], at: number): boolean {
  for (let k = 0; k < ENVELOPE_KEYS.length; k++) if (keys[at + k] !== ENVELOPE_KEYS[k]) return false;
  return true;
}

/** Whether o's own keys, then the envelope's if there is one, are exactly `keys`. */
function sameKeys(o: object, keys: readonly string[], wire: Envelope | null): boolean {
  let i = 0;
  for (const k in o) {
    if (keys[i] !== k) return false;
    i++;
  }
  if (wire !== null) {
    if (!envelopeAt(keys, i)) return false;
    i += ENVELOPE_KEYS.length;
  }
  return i === keys.length;
}

/** The layout of `o` (with the envelope's keys after its own if it has one), added to the table when new. */
export function shapeOf(o: object, tag: string, tagKey: string, wire: Envelope | null): number {
  let ids = shapesByTag.get(tag);
  if (ids !== undefined) {
    for (let k = 0; k < ids.length; k++) if (sameKeys(o, shapes[ids[k]!]!.keys, wire)) return ids[k]!;
  } else {
    ids = [];
    shapesByTag.set(tag, ids);
  }
  const keys = wire === null ? Object.keys(o) : [...Object.keys(o), ...ENVELOPE_KEYS];
  shapes.push({ keys, tag, tagAt: keys.indexOf(tagKey) });
  ids.push(shapes.length - 1);
  return shapes.length - 1;
}

/** Whether a string is short enough to be vocabulary (commands and keys are longer or many). */
export function stringId(s: string): number {
  const id = stringIds.get(s);
  if (id !== undefined) return id;
  if (strings.length >= MAX_STRINGS || s.length > 40) return -1;
  strings.push(s);
  stringIds.set(s, strings.length - 1);
  return strings.length - 1;
}
