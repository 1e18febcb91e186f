/** The store's tests drive it with in-process hosts: the workers' own code, without the threads. */
import { AnalysisHost } from '../worker/analysisHost';
import type { AnalysisConnection } from '../worker/analysisClient';
import { SimHost } from '../worker/host';
import type { SimClientLike } from './index';

export function inProcessClient(host = new SimHost()): SimClientLike {
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => R) =>
    (...a: A): Promise<R> =>
      new Promise((resolve, reject) => {
        try {
          // A structured clone, as the worker boundary does.
          resolve(structuredClone(fn(...a)));
        } catch (err) {
          reject(err);
        }
      });
  return {
    protocolVersion: wrap(() => host.protocolVersion()),
    reset: wrap((o) => host.reset(o)),
    advance: wrap((ms) => host.advance(ms)),
    step: wrap(() => host.step()),
    runUntilInteresting: wrap((ms, stops) => host.runUntilInteresting(ms, stops)),
    runUntilCondition: wrap((cond, ms) => host.runUntilCondition(cond, ms)),
    evaluateConditions: wrap((conds, since) => host.evaluateConditions(conds, since)),
    act: wrap((a) => host.act(a)),
    resync: wrap(() => host.resync()),
    seekEvent: wrap((n, time) => host.seekEvent(n, time)),
    seekTime: wrap((ms) => host.seekTime(ms)),
    stepBack: wrap(() => host.stepBack()),
    switchBranch: wrap((id) => host.switchBranch(id)),
    exportScenario: wrap(() => host.exportScenario()),
    exportHistory: wrap((f: Parameters<typeof host.exportHistory>[0]) => host.exportHistory(f)),
    loadScenario: wrap((s) => host.loadScenario(s)),
    beginLoad: wrap((s) => host.beginLoad(s)),
    continueLoad: wrap((n) => host.continueLoad(n)),
    finishLoad: wrap(() => host.finishLoad()),
    cancelLoad: wrap(() => host.cancelLoad()),
    spaceTimeWindow: wrap((q) => host.spaceTimeWindow(q)),
  };
}

/** An analysis "worker" in-process; `terminated` counts terminate() calls. */
export function inProcessAnalysis(host = new AnalysisHost()): AnalysisConnection & { terminated: number } {
  const conn = {
    terminated: 0,
    findCounterexample: async (...a: Parameters<AnalysisHost['findCounterexample']>) => structuredClone(host.findCounterexample(...a)),
    runElectionExperiment: async (...a: Parameters<AnalysisHost['runElectionExperiment']>) => structuredClone(host.runElectionExperiment(...a)),
    terminate: () => void conn.terminated++,
  };
  return conn;
}
