/**
 * The space-time view's live verdict: three clients keep one request each in
 * flight (reads and writes over 4 keys) for 10 simulated minutes on 5
 * servers; every 500 ms of simulated time the view's window is asked for, as
 * the page does while a run plays. Prints the cost of those window calls
 * (which include bringing the linearizability verdict up to date).
 *
 *   npm run bench:verdict
 */
import { TimeMachine } from '../src/worker/timeMachine';

const tm = new TimeMachine({ seed: 'verdict', servers: 5 });
tm.advance(1000);
let requests = 0;
const costs: number[] = [];
let verdict: string | null = null;
for (let frame = 0; frame < 12_000; frame++) {
  for (const c of [1, 2, 3]) {
    const client = tm.cluster.clients().find((x) => x.id === c);
    if (client?.pending) continue;
    const key = `k${requests % 4}`;
    tm.act(requests % 3 === 0 ? { type: 'clientRequest', client: c, read: key } : { type: 'clientRequest', client: c, command: `${key}=${requests}` });
    requests++;
  }
  tm.advance(50);
  if (frame % 10 === 0) {
    const head = tm.head;
    const t0 = performance.now();
    verdict = tm.spaceTime.window({ fromMs: head.time - 2000, toMs: head.time, pxPerMs: 1, heartbeats: false }, head.time, head.n, head.n).verdict;
    costs.push(performance.now() - t0);
  }
}
costs.sort((a, b) => a - b);
const at = (q: number) => Math.round(costs[Math.min(costs.length - 1, Math.floor(costs.length * q))]! * 100) / 100;
console.log(JSON.stringify({ requests, windowCalls: costs.length, verdict, medianMs: at(0.5), p95Ms: at(0.95), worstMs: at(1) }));
