/**
 * Pure geometry of the cluster view (no DOM, no React): where servers sit on
 * the ring, where a message is on its link, how much of a timer is left, and
 * how big everything is drawn. d3 computes, React renders: the only d3 used
 * here is d3-shape's `arc`, which returns a path string.
 *
 * Coordinates are CSS pixels of the view's box (the SVG's viewBox is the box),
 * y pointing down. Angles are radians, 0 pointing right, growing clockwise on
 * screen.
 */
import { arc } from 'd3';

export interface Point {
  x: number;
  y: number;
}

export interface RingNode extends Point {
  /** Direction from the ring's centre to the node (for captions placed outward). */
  angle: number;
}

export interface Sizes {
  /** Radius of a server's circle. */
  nodeRadius: number;
  /** Font sizes in px. */
  nameFont: number;
  termFont: number;
  captionFont: number;
  centreFont: number;
  /** Half the size of a message glyph. */
  glyph: number;
  /** Perpendicular offset of each direction's lane from the link's centre line. */
  lane: number;
  /** Inner and outer radius of the timer ring around a server. */
  timerInner: number;
  timerOuter: number;
}

export interface RingLayout {
  nodes: RingNode[];
  centre: Point;
  rx: number;
  ry: number;
  sizes: Sizes;
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** The node radius as a share of the box's shorter side: fewer servers, bigger circles. */
function radiusShare(n: number): number {
  if (n <= 3) return 0.12;
  if (n <= 5) return 0.105;
  if (n <= 7) return 0.092;
  return 0.082;
}

/** Below this width (a phone) captions get smaller type and less room beside the ring, so the circles can be larger. */
const COMPACT_WIDTH = 560;

function sizesFor(r: number, textScale: number, compact = false): Sizes {
  const glyph = clamp(r * 0.2, 7, 14);
  const timerInner = r + clamp(r * 0.1, 4, 7);
  return {
    nodeRadius: r,
    nameFont: r * 0.56,
    termFont: clamp(r * 0.32, compact ? 10 : 12, 24),
    captionFont: clamp(r * 0.34 * textScale, compact ? 11 : 13, 26),
    centreFont: clamp(r * 0.42 * textScale, 15, 30),
    glyph,
    lane: glyph + 2,
    timerInner,
    timerOuter: timerInner + clamp(r * 0.09, 3, 6),
  };
}

/** Widest ring relative to its height (a flatter ellipse stops reading as a ring). */
const MAX_ASPECT = 2.1;

/**
 * Servers evenly spaced on an ellipse that fills the box, the first at the top
 * (two servers sit left and right, since screens are wide). Room is kept
 * outside the ring for each server's caption: one line above the top and
 * below the bottom servers, about eleven characters beside the others.
 * `textScale` > 1 (presentation mode) makes text bigger.
 */
export function ringLayout(n: number, width: number, height: number, textScale = 1): RingLayout {
  const w = Math.max(width, 1);
  const h = Math.max(height, 1);
  const start = n === 2 ? Math.PI : -Math.PI / 2;
  const angles = Array.from({ length: n }, (_, i) => start + (2 * Math.PI * i) / n);
  if (n <= 1) {
    const r = clamp(Math.min(w, h) * radiusShare(1) * Math.sqrt(textScale), 18, 64);
    const node = { x: snap(w / 2), y: snap(h / 2 - h * 0.08), angle: -Math.PI / 2 };
    return { nodes: n === 1 ? [node] : [], centre: { x: w / 2, y: h / 2 }, rx: 0, ry: 0, sizes: sizesFor(r, textScale, w < COMPACT_WIDTH) };
  }
  // The ring's extent in units of its radii: an odd ring is taller above its centre than below.
  const sin = angles.map((a) => Math.sin(a));
  const sMin = Math.min(...sin);
  const sMax = Math.max(...sin);
  const cMax = Math.max(...angles.map((a) => Math.abs(Math.cos(a))));
  const compact = w < COMPACT_WIDTH;
  let r = clamp(Math.min(w, h) * radiusShare(n) * Math.sqrt(textScale), 18, 64);
  let rx = 0;
  let ry = 0;
  for (let pass = 0; pass < 3; pass++) {
    const s = sizesFor(r, textScale, compact);
    // Room beyond a node's centre: its caption's anchor, then one line (above/below) or ~11 characters
    // beside (8 on a phone, whose captions are smaller).
    const d = captionDistance(s) + 4;
    const outY = d + s.captionFont * 1.35;
    const outX = d + s.captionFont * 0.6 * (compact ? 8 : 11);
    rx = Math.max((w / 2 - outX) / cMax, r);
    ry = sMax - sMin > 0.01 ? Math.max((h - 2 * outY) / (sMax - sMin), r) : rx;
    // Keep it a ring: neither much wider than tall nor much taller than wide.
    rx = Math.min(rx, ry * MAX_ASPECT);
    ry = Math.min(ry, rx * 1.15);
    if (n === 2) ry = rx;
    // Neighbours must not touch: shrink the circles if the ring is crowded.
    const gap = Math.min(rx, ry) * 2 * Math.sin(Math.PI / n);
    const fit = gap * 0.33;
    if (r <= fit) break;
    r = Math.max(fit, 14);
  }
  const centre = { x: w / 2, y: h / 2 - (ry * (sMax + sMin)) / 2 };
  const nodes = angles.map((a): RingNode => {
    const x = centre.x + rx * Math.cos(a);
    const y = centre.y + ry * Math.sin(a);
    // The outward normal of the ellipse at this point (for caption placement).
    const angle = Math.atan2((y - centre.y) / (ry * ry), (x - centre.x) / (rx * rx));
    return { x: snap(x), y: snap(y), angle };
  });
  return { nodes, centre, rx, ry, sizes: sizesFor(r, textScale, compact) };
}

/** Round to a tenth of a pixel (stable props for memoised components, shorter SVG). */
export function snap(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The part of segment a→b outside both circles (radii ra at a, rb at b). */
export function trimSegment(a: Point, b: Point, ra: number, rb: number): [Point, Point] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len <= ra + rb || len === 0) {
    const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    return [m, { ...m }];
  }
  const ux = dx / len;
  const uy = dy / len;
  return [
    { x: a.x + ux * ra, y: a.y + uy * ra },
    { x: b.x - ux * rb, y: b.y - uy * rb },
  ];
}

/**
 * The point at fraction f (0 at a, 1 at b) of segment a→b, moved `lane` px to
 * the right of the direction of travel. Because the offset follows the
 * direction, a→b and b→a run in two parallel lanes and both stay visible.
 */
export function pointOnLink(a: Point, b: Point, f: number, lane: number): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  // Right of travel on a y-down screen: rotate the direction by +90°.
  const nx = -dy / len;
  const ny = dx / len;
  return { x: a.x + dx * f + nx * lane, y: a.y + dy * f + ny * lane };
}

/**
 * How much of a timer is left: 1 just after it was set, 0 when it fires.
 * Null when the timer is not running. Clamped to [0, 1].
 */
export function timerFraction(deadline: number | null, setAt: number, now: number): number | null {
  if (deadline === null) return null;
  const span = deadline - setAt;
  if (!(span > 0)) return 0;
  return clamp((deadline - now) / span, 0, 1);
}

/** How far a message has travelled: 0 when sent, 1 on delivery; clamped to [0, 1]. */
export function messageProgress(sentAt: number, deliverAt: number, now: number): number {
  const span = deliverAt - sentAt;
  if (!(span > 0)) return 1;
  return clamp((now - sentAt) / span, 0, 1);
}

/** Where along a cut direction its ✕ is drawn: near the receiving end, where delivery fails. */
export const CUT_MARK_AT = 0.8;

const ringArc = arc<{ innerRadius: number; outerRadius: number; startAngle: number; endAngle: number }>();

/**
 * An annulus sector starting at 12 o'clock and running clockwise for
 * `fraction` of the circle (the draining part of a timer), centred on (0, 0).
 */
export function timerArcPath(inner: number, outer: number, fraction: number): string {
  const f = clamp(fraction, 0, 1);
  if (f <= 0) return '';
  return ringArc({ innerRadius: inner, outerRadius: outer, startAngle: 0, endAngle: f * 2 * Math.PI }) ?? '';
}

/** The point at the end of such an arc (for the heartbeat pip), at radius `radius`. */
export function arcEnd(radius: number, fraction: number): Point {
  const a = clamp(fraction, 0, 1) * 2 * Math.PI;
  return { x: radius * Math.sin(a), y: -radius * Math.cos(a) };
}

export interface CaptionPlacement {
  /** Anchor relative to the node's centre. */
  x: number;
  y: number;
  textAnchor: 'start' | 'middle' | 'end';
  /** Where the block of lines sits relative to the anchor. */
  vertical: 'above' | 'centre' | 'below';
}

/**
 * A caption sits outside the ring, in the node's outward direction: above or
 * below a node at the top or bottom (centred, one line), beside any other
 * (two lines), pushed far enough sideways to clear the circle of radius r.
 */
export function captionPlacement(angle: number, distance: number, r: number): CaptionPlacement {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  if (Math.abs(c) < 0.2) {
    return { x: snap(c * distance), y: snap(s * distance), textAnchor: 'middle', vertical: s < 0 ? 'above' : 'below' };
  }
  const x = Math.sign(c) * Math.max(Math.abs(c) * distance, r * 0.9);
  return { x: snap(x), y: snap(s * distance), textAnchor: c > 0 ? 'start' : 'end', vertical: 'centre' };
}

/** How far from a node's centre its caption is anchored. */
export function captionDistance(sizes: Sizes): number {
  return sizes.timerOuter + sizes.captionFont * 0.5;
}

/** Baseline of line i of `count` lines in a caption block, relative to the anchor. */
export function captionLineY(vertical: CaptionPlacement['vertical'], i: number, count: number, font: number, lineHeight: number): number {
  const ascent = font * 0.8;
  if (vertical === 'below') return ascent + i * lineHeight;
  if (vertical === 'above') return -(count - 1 - i) * lineHeight - font * 0.25;
  return ascent - (count * lineHeight) / 2 + i * lineHeight;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** A rough width of `text` at `font` px: CJK characters are a square em, others about half. */
export function estimateTextWidth(text: string, font: number): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 1 : ch === ' ' ? 0.3 : 0.56;
  return w * font;
}

/**
 * Break `text` into lines no wider than maxWidth (estimated): at spaces, and
 * between any two CJK characters (which have no spaces). A word wider than a
 * line stays whole.
 */
export function wrapText(text: string, maxWidth: number, font: number): string[] {
  const tokens = text.match(/[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef][，。：；！？、）」]?|[^\s\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const next = line + tok;
    if (line.trim() !== '' && estimateTextWidth(next.trimEnd(), font) > maxWidth) {
      lines.push(line.trim());
      line = /^\s+$/.test(tok) ? '' : tok;
    } else {
      line = next;
    }
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines;
}

/** Every unordered pair of ids, as [a, b] with a < b, in a stable order. */
export function pairs(ids: readonly number[]): Array<[number, number]> {
  const sorted = [...ids].sort((x, y) => x - y);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) out.push([sorted[i]!, sorted[j]!]);
  return out;
}
