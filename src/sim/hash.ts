/** Small, fast, deterministic 32-bit hashes for the safety checker and trace fingerprints. */

const NULL_COMMAND = 0x6e756c6c;

/** FNV-1a over a string's UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function hashCommand(command: string | null): number {
  return command === null ? NULL_COMMAND : hashString(command);
}

/** Mix one more 32-bit value into a running hash (murmur3 finaliser style). */
export function mix(h: number, x: number): number {
  let k = Math.imul(h ^ x, 0x85ebca6b);
  k ^= k >>> 13;
  k = Math.imul(k, 0xc2b2ae35);
  return (k ^ (k >>> 16)) | 0;
}

/** Rolling hash of a log prefix: hash(1..i) from hash(1..i-1) and entry i. */
export function extendPrefix(prev: number, term: number, command: string | null): number {
  return mix(mix(prev, term), hashCommand(command));
}
