/**
 * One colour per term, used for servers, log cells and messages alike, so a
 * term is recognisable everywhere. Colours come from d3's Tableau 10 scheme;
 * text on them is black or white, whichever contrasts more (WCAG AA for large
 * and bold text at least; cells also show the term as a number).
 */
import { schemeTableau10 } from 'd3';

export interface TermColor {
  fill: string;
  text: string;
}

function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const cache = new Map<number, TermColor>();

/** Term 0 (nothing yet) is neutral grey. */
export function termColor(term: number): TermColor {
  let c = cache.get(term);
  if (!c) {
    const fill = term <= 0 ? '#9aa0a6' : schemeTableau10[(term - 1) % schemeTableau10.length]!;
    const text = contrastRatio(fill, '#000000') >= contrastRatio(fill, '#ffffff') ? '#000000' : '#ffffff';
    c = { fill, text };
    cache.set(term, c);
  }
  return c;
}
