/**
 * §9.3, Figure 16: time to elect a new leader after the leader crashes.
 * The numbers at a fixed seed are pinned (same seed, same numbers, in Node and
 * the browser), and with a network like the paper's the 150–155 ms mean lands
 * near the paper's 287 ms.
 */
import { describe, expect, it } from 'vitest';
import { electionCdfCsv, electionExperimentCsv, PAPER_FIGURE_16, runElectionExperiment, type ElectionRangeResult } from './index';

const base = { servers: 5, latencyMs: [1, 3] as const, seed: 'figure-16' };

function summary(r: ElectionRangeResult) {
  const { samplesMs: _samples, ...rest } = r;
  return rest;
}

describe('§9.3 Figure 16: election time after a leader crash', () => {
  it('pins the numbers of three ranges at a fixed seed (determinism)', () => {
    const r = runElectionExperiment({ ...base, timeoutRangesMs: [[150, 155], [150, 300], [12, 24]], trials: 100 });
    expect(r.stopped).toBe(false);
    expect(r.ranges.map(summary)).toEqual([
      { range: [150, 155], trials: 100, meanMs: 286.9, medianMs: 249, p95Ms: 739, worstMs: 1528, noLeader: 0 },
      { range: [150, 300], trials: 100, meanMs: 148.4, medianMs: 145, p95Ms: 205, worstMs: 237, noLeader: 0 },
      { range: [12, 24], trials: 100, meanMs: 20.3, medianMs: 18, p95Ms: 35, worstMs: 52, noLeader: 0 },
    ]);
    // A range's trials have their own seeds: run alone, it gives the same numbers.
    const alone = runElectionExperiment({ ...base, timeoutRangesMs: [[12, 24]], trials: 100 });
    expect(alone.ranges[0]).toEqual(r.ranges[2]);
  });

  it('with 1–3 ms one-way latency, 150–155 ms averages within a factor of two of the paper’s 287 ms', () => {
    const paper = PAPER_FIGURE_16.reference.find((x) => x.range[0] === 150 && x.range[1] === 155)!;
    const r = runElectionExperiment({ ...base, seed: 'paper', timeoutRangesMs: [[150, 155]], trials: 300 });
    const mean = r.ranges[0]!.meanMs;
    expect('meanMs' in paper && paper.meanMs).toBe(287);
    expect(mean).toBeGreaterThan(287 / 2);
    expect(mean).toBeLessThan(287 * 2);
  });

  it('without randomness (150–150 ms) split votes keep most trials leaderless for 10 s, as the paper saw', () => {
    const r = runElectionExperiment({ ...base, timeoutRangesMs: [[150, 150]], trials: 20 });
    expect(r.ranges[0]!.noLeader).toBeGreaterThan(10);
  });

  it('samples ascend and the CSV has one row per range and per elected trial', () => {
    const r = runElectionExperiment({ ...base, timeoutRangesMs: [[50, 100], [100, 200]], trials: 20 });
    for (const x of r.ranges) expect(x.samplesMs).toEqual([...x.samplesMs].sort((a, b) => a - b));
    const csv = electionExperimentCsv(r.ranges).trim().split('\n');
    expect(csv[0]).toBe('timeout_range_ms,trials,mean_ms,median_ms,p95_ms,worst_ms,no_leader');
    expect(csv[1]).toMatch(/^50-100,20,[\d.]+,\d+,\d+,\d+,0$/);
    expect(csv).toHaveLength(3);
    const cdf = electionCdfCsv(r.ranges).trim().split('\n');
    expect(cdf).toHaveLength(1 + 40);
    expect(cdf[20]).toMatch(/^50-100,\d+,1\.0000$/);
  });

  it('reports progress, stops when asked with the trials done so far, and refuses bad input naming the field', () => {
    let seen = 0;
    const r = runElectionExperiment({
      ...base,
      timeoutRangesMs: [[150, 300], [12, 24]],
      trials: 100,
      onProgress: (p) => (seen = p.trialsDone),
      shouldStop: () => seen >= 150,
    });
    expect(r.stopped).toBe(true);
    expect(r.ranges.map((x) => x.trials)).toEqual([100, 50]);
    expect(() => runElectionExperiment({ ...base, timeoutRangesMs: [[200, 100]], trials: 1 })).toThrow(/timeoutRangesMs\[0\]/);
    expect(() => runElectionExperiment({ ...base, timeoutRangesMs: [[150, 300]], trials: 0 })).toThrow(/trials must be/);
    expect(() => runElectionExperiment({ ...base, servers: 1, timeoutRangesMs: [[150, 300]], trials: 1 })).toThrow(/servers must be/);
  });
});
