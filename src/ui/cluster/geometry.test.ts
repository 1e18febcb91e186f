import { describe, expect, it } from 'vitest';
import {
  captionDistance,
  captionPlacement,
  estimateTextWidth,
  messageProgress,
  pairs,
  pointOnLink,
  ringLayout,
  timerArcPath,
  timerFraction,
  trimSegment,
  wrapText,
} from './geometry';
import { clusterStrings } from './strings';

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('ringLayout', () => {
  for (const [w, h] of [
    [560, 420],
    [1024, 600],
    [1600, 900],
  ] as const) {
    for (let n = 1; n <= 9; n++) {
      it(`${n} servers in ${w}×${h}: inside the box, neighbours apart`, () => {
        const l = ringLayout(n, w, h);
        expect(l.nodes).toHaveLength(n);
        const r = l.sizes.nodeRadius;
        const reach = l.sizes.timerOuter;
        for (const p of l.nodes) {
          expect(p.x - reach).toBeGreaterThanOrEqual(0);
          expect(p.x + reach).toBeLessThanOrEqual(w);
          expect(p.y - reach).toBeGreaterThanOrEqual(0);
          expect(p.y + reach).toBeLessThanOrEqual(h);
        }
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) expect(dist(l.nodes[i]!, l.nodes[j]!)).toBeGreaterThan(2 * r + 8);
        }
      });

      it(`${n} servers in ${w}×${h}: captions inside the box`, () => {
        const l = ringLayout(n, w, h);
        const cf = l.sizes.captionFont;
        for (const p of l.nodes) {
          const cap = captionPlacement(p.angle, captionDistance(l.sizes), l.sizes.nodeRadius);
          // Beside a node: two lines of up to 11 characters; above or below: one line of up to 20.
          const width = (cap.textAnchor === 'middle' ? 20 : 11) * 0.6 * cf;
          const x0 = cap.textAnchor === 'start' ? cap.x : cap.textAnchor === 'end' ? cap.x - width : cap.x - width / 2;
          const [y0, y1] = cap.vertical === 'above' ? [cap.y - cf * 1.2, cap.y] : cap.vertical === 'below' ? [cap.y, cap.y + cf * 1.3] : [cap.y - cf * 1.3, cap.y + cf * 1.3];
          expect(p.x + x0).toBeGreaterThanOrEqual(0);
          expect(p.x + x0 + width).toBeLessThanOrEqual(w);
          expect(p.y + y0).toBeGreaterThanOrEqual(0);
          expect(p.y + y1).toBeLessThanOrEqual(h);
        }
      });
    }
  }

  it('starts at the top and goes clockwise', () => {
    const l = ringLayout(4, 800, 600);
    const [top, right, bottom, left] = l.nodes;
    expect(top!.y).toBeLessThan(l.centre.y);
    expect(right!.x).toBeGreaterThan(l.centre.x);
    expect(bottom!.y).toBeGreaterThan(l.centre.y);
    expect(left!.x).toBeLessThan(l.centre.x);
    expect(Math.sin(top!.angle)).toBeCloseTo(-1);
  });

  it('puts two servers side by side', () => {
    const [a, b] = ringLayout(2, 800, 600).nodes;
    expect(a!.y).toBeCloseTo(b!.y);
    expect(a!.x).toBeLessThan(b!.x);
  });

  it('draws bigger on a bigger screen and for fewer servers', () => {
    expect(ringLayout(5, 1600, 900).sizes.nodeRadius).toBeGreaterThan(ringLayout(5, 560, 420).sizes.nodeRadius);
    expect(ringLayout(3, 800, 600).sizes.nodeRadius).toBeGreaterThan(ringLayout(9, 800, 600).sizes.nodeRadius);
  });

  it('keeps text readable at the smallest size', () => {
    const s = ringLayout(9, 560, 420).sizes;
    expect(s.captionFont).toBeGreaterThanOrEqual(13);
    expect(s.termFont).toBeGreaterThanOrEqual(12);
  });
});

describe('links', () => {
  it('trims a segment to the circles at both ends', () => {
    const [p, q] = trimSegment({ x: 0, y: 0 }, { x: 100, y: 0 }, 10, 20);
    expect(p).toEqual({ x: 10, y: 0 });
    expect(q).toEqual({ x: 80, y: 0 });
  });

  it('collapses overlapping circles to the midpoint', () => {
    const [p, q] = trimSegment({ x: 0, y: 0 }, { x: 10, y: 0 }, 10, 10);
    expect(p).toEqual({ x: 5, y: 0 });
    expect(q).toEqual({ x: 5, y: 0 });
  });

  it('interpolates along the link', () => {
    expect(pointOnLink({ x: 0, y: 0 }, { x: 100, y: 50 }, 0.5, 0)).toEqual({ x: 50, y: 25 });
    expect(pointOnLink({ x: 0, y: 0 }, { x: 100, y: 0 }, 0, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnLink({ x: 0, y: 0 }, { x: 100, y: 0 }, 1, 0)).toEqual({ x: 100, y: 0 });
  });

  it('puts the two directions in opposite lanes', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 100, y: 0 };
    const ab = pointOnLink(a, b, 0.5, 6);
    const ba = pointOnLink(b, a, 0.5, 6);
    expect(ab.x).toBeCloseTo(50);
    expect(ba.x).toBeCloseTo(50);
    expect(ab.y).toBeCloseTo(6);
    expect(ba.y).toBeCloseTo(-6);
  });

  it('lists every pair once', () => {
    expect(pairs([3, 1, 2])).toEqual([
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(pairs([1, 2, 3, 4, 5, 6, 7, 8, 9])).toHaveLength(36);
    expect(pairs([1])).toEqual([]);
  });
});

describe('timers and progress', () => {
  it('drains a timer from 1 to 0', () => {
    expect(timerFraction(300, 100, 100)).toBe(1);
    expect(timerFraction(300, 100, 200)).toBe(0.5);
    expect(timerFraction(300, 100, 300)).toBe(0);
  });

  it('clamps a timer and hides a stopped one', () => {
    expect(timerFraction(300, 100, 50)).toBe(1);
    expect(timerFraction(300, 100, 400)).toBe(0);
    expect(timerFraction(null, 100, 200)).toBeNull();
    expect(timerFraction(100, 100, 100)).toBe(0);
  });

  it('moves a message from 0 to 1 and clamps', () => {
    expect(messageProgress(10, 20, 10)).toBe(0);
    expect(messageProgress(10, 20, 15)).toBe(0.5);
    expect(messageProgress(10, 20, 20)).toBe(1);
    expect(messageProgress(10, 20, 5)).toBe(0);
    expect(messageProgress(10, 20, 25)).toBe(1);
    expect(messageProgress(10, 10, 10)).toBe(1);
  });

  it('draws a timer arc only while some is left', () => {
    expect(timerArcPath(10, 15, 0)).toBe('');
    expect(timerArcPath(10, 15, 0.5)).toMatch(/^M/);
    expect(timerArcPath(10, 15, 2)).toBe(timerArcPath(10, 15, 1));
  });
});

describe('captions and text', () => {
  it('places captions outward', () => {
    expect(captionPlacement(-Math.PI / 2, 50, 30)).toMatchObject({ x: 0, y: -50, textAnchor: 'middle', vertical: 'above' });
    expect(captionPlacement(0, 50, 30)).toMatchObject({ x: 50, textAnchor: 'start', vertical: 'centre' });
    expect(captionPlacement(Math.PI, 50, 30)).toMatchObject({ textAnchor: 'end' });
    expect(captionPlacement(Math.PI / 2, 50, 30)).toMatchObject({ vertical: 'below' });
    // Steep but not vertical: beside the node, clear of its circle.
    const steep = captionPlacement((70 * Math.PI) / 180, 50, 40);
    expect(steep).toMatchObject({ textAnchor: 'start', vertical: 'centre' });
    expect(steep.x).toBeGreaterThanOrEqual(36);
  });

  it('counts CJK characters as wide', () => {
    expect(estimateTextWidth('任期', 10)).toBeGreaterThan(estimateTextWidth('T4', 10));
  });

  it('wraps English at spaces and Chinese between characters', () => {
    const en = wrapText('Wait for an election timeout, or select a server and press T to force one.', 200, 16);
    expect(en.length).toBeGreaterThan(1);
    for (const line of en) expect(estimateTextWidth(line, 16)).toBeLessThanOrEqual(200);
    expect(en.join(' ')).toBe('Wait for an election timeout, or select a server and press T to force one.');
    const zh = wrapText('等待选举超时，或选中一台服务器后按 T 键强制发起选举。', 160, 16);
    expect(zh.length).toBeGreaterThan(1);
    for (const line of zh) {
      expect(estimateTextWidth(line, 16)).toBeLessThanOrEqual(160);
      expect(line).not.toMatch(/^[，。]/);
    }
  });
});

describe('strings', () => {
  it('has every key in both languages, prefixed cluster.', () => {
    const en = Object.keys(clusterStrings.en).sort();
    expect(Object.keys(clusterStrings.zh).sort()).toEqual(en);
    for (const k of en) expect(k.startsWith('cluster.')).toBe(true);
  });

  it('uses the same parameters in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(clusterStrings.en) as Array<keyof typeof clusterStrings.en>) {
      expect(params(clusterStrings.zh[k]), k).toEqual(params(clusterStrings.en[k]));
    }
  });
});
