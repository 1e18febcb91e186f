/** The space-time diagram's geometry and picking. */
import { describe, expect, it } from 'vitest';
import type { SpaceTimeWindow } from '../../worker/protocol';
import { arrowEnd, lanesOf, nearestEvent, operationLabel, tickLabelPlace } from './spaceTimeModel';

const EN = { write: 'W', read: 'R', ok: 'ok' };

const WINDOW: SpaceTimeWindow = {
  fromMs: 0,
  toMs: 100,
  headMs: 100,
  servers: [1, 2],
  clients: [1],
  segments: [{ server: 1, fromMs: 0, toMs: 100, n: 0, role: 'follower', term: 0, alive: true, connected: true }],
  messages: [
    { id: 1, type: 'RequestVote', from: 2, to: 1, term: 1, sentAt: 10, deliverAt: 20, sentN: 3, endAt: 20, endN: 5, outcome: 'delivered', duplicate: false, heartbeat: false },
    { id: 2, type: 'RequestVoteReply', from: 1, to: 2, term: 1, sentAt: 20, deliverAt: 150, sentN: 5, endAt: null, endN: 0, outcome: 'inFlight', duplicate: false, heartbeat: false },
  ],
  bands: [],
  visibleCount: 2,
  operations: [{ clientId: 1, seq: 1, kind: 'write', text: 'x=1', answered: true, callTime: 40, callN: 8, returnTime: 70, returnN: 12, flagged: false }],
  verdict: 'ok',
};

describe('space-time model', () => {
  it('stacks server lanes, then client lanes (named by their negative address)', () => {
    const lanes = lanesOf([1, 2, 3], [1], 20, 400, 14, 56);
    expect(lanes.order).toEqual([1, 2, 3, -1]);
    expect(lanes.height).toBe(56);
    expect(lanes.y(1)).toBe(48);
    expect(lanes.y(-1)).toBe(20 + 3.5 * 56);
    expect(lanes.y(9)).toBeNaN();
  });

  it('picks the event nearest the click on that lane: a delivery, a send, a change, a client call', () => {
    expect(nearestEvent(WINDOW, 1, 18)).toEqual({ n: 5, time: 20 }); // delivered to S1 at 20 (and S1 sent at 20)
    expect(nearestEvent(WINDOW, 2, 0)).toEqual({ n: 3, time: 10 }); // S2 sent at 10
    expect(nearestEvent(WINDOW, -1, 65)).toEqual({ n: 12, time: 70 });
    expect(nearestEvent({ ...WINDOW, messages: [], operations: [], segments: [] }, 1, 50)).toBeNull();
  });

  it('cuts an arrow still on the wire at the head, part of the way to its receiver', () => {
    expect(arrowEnd({ sentAt: 20, endAt: null, deliverAt: 120 }, 70)).toEqual({ time: 70, fraction: 0.5 });
    expect(arrowEnd({ sentAt: 10, endAt: 20, deliverAt: 20 }, 70)).toEqual({ time: 20, fraction: 1 });
  });

  it('labels operations with their input and output', () => {
    expect(operationLabel({ kind: 'write', text: 'x=1', answered: true }, EN)).toBe('W x=1 → ok');
    expect(operationLabel({ kind: 'read', text: 'x', value: '1', answered: true }, EN)).toBe('R x → 1');
    expect(operationLabel({ kind: 'read', text: 'y', value: null, answered: true }, EN)).toBe('R y → ∅');
    expect(operationLabel({ kind: 'read', text: '<b>', answered: false }, EN)).toBe('R <b>');
  });

  it('keeps time-axis labels inside the drawing: the last one ends at the right edge instead of being cut', () => {
    expect(tickLabelPlace(500, 60, 0, 1000)).toEqual({ x: 500, anchor: 'middle' });
    expect(tickLabelPlace(990, 60, 0, 1000)).toEqual({ x: 1000, anchor: 'end' });
    expect(tickLabelPlace(10, 60, 0, 1000)).toEqual({ x: 0, anchor: 'start' });
  });
});
