/** Command-line arguments shared by the scripts. */

/** A whole-number option, or exit 2 naming it and its range. */
export function int(name: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number >= ${min} (got ${JSON.stringify(text)})`);
    process.exit(2);
  }
  return n;
}
