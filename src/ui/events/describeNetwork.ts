/** The event log's sentences for network changes (cut links, partitions, settings). */
import type { TraceEvent } from '../../sim';
import { translate, type Lang } from '../i18n';
import { clause, list, percent, serverName, type Clause, type DescribeContext } from './clauses';

export function describeNetwork(lang: Lang, e: TraceEvent, ctx: DescribeContext): Clause[] {
  // Prefer the action as data; older traces (and unknown actions) fall back to the detail text.
  const a = e.action;
  if (a) {
    switch (a.type) {
      case 'disconnect':
        return [clause('ev.net.disconnect', { s: serverName(a.server) }, [], 'fault', 1)];
      case 'connect':
        return [clause('ev.net.connect', { s: serverName(a.server) }, [], 'info', 1)];
      case 'setLink': {
        const p = { a: serverName(a.from), b: serverName(a.to) };
        return [a.up ? clause('ev.net.linkUp', p, [], 'info', 1) : clause('ev.net.linkDown', p, [], 'fault', 1)];
      }
      case 'heal':
        return [clause('ev.net.heal', {}, [], 'info', 1)];
      case 'partition':
        return describePartition(lang, a.groups.filter((g) => g.length > 0), ctx);
      case 'setNetwork': {
        const st = a.settings;
        if (st.latencyMs && st.dropRate !== undefined && st.duplicateRate !== undefined) {
          return [clause('ev.net.settings', { lo: String(st.latencyMs[0]), hi: String(st.latencyMs[1]), drop: percent(st.dropRate), dup: percent(st.duplicateRate) }, [], 'info', 1)];
        }
        break;
      }
      default:
        break;
    }
  }
  const d = e.detail ?? '';
  let g: RegExpMatchArray | null;
  if ((g = d.match(/^disconnect S(\d+)$/))) return [clause('ev.net.disconnect', { s: serverName(Number(g[1])) }, [], 'fault', 1)];
  if ((g = d.match(/^connect S(\d+)$/))) return [clause('ev.net.connect', { s: serverName(Number(g[1])) }, [], 'info', 1)];
  if ((g = d.match(/^link S(\d+)→S(\d+) (up|down)$/))) {
    const p = { a: serverName(Number(g[1])), b: serverName(Number(g[2])) };
    return [g[3] === 'down' ? clause('ev.net.linkDown', p, [], 'fault', 1) : clause('ev.net.linkUp', p, [], 'info', 1)];
  }
  if (d === 'heal') return [clause('ev.net.heal', {}, [], 'info', 1)];
  if ((g = d.match(/^partition (.*)$/))) {
    const groups = [...g[1]!.matchAll(/\[([\d,]*)\]/g)]
      .map((x) => x[1]!.split(',').filter((s) => s !== '').map(Number))
      .filter((ids) => ids.length > 0);
    return describePartition(lang, groups, ctx);
  }
  if ((g = d.match(/^network latency ([\d.]+)–([\d.]+) ms, drop ([\d.e+-]+), duplicate ([\d.e+-]+)$/))) {
    return [clause('ev.net.settings', { lo: g[1]!, hi: g[2]!, drop: percent(Number(g[3])), dup: percent(Number(g[4])) }, [], 'info', 1)];
  }
  return [clause('ev.net.other', { detail: d }, [], 'info', 1)];
}

function describePartition(lang: Lang, groups: number[][], ctx: DescribeContext): Clause[] {
  const sep = translate(lang, 'ev.list.sep');
  const text = list(lang, groups.map((ids) => `[${ids.map(serverName).join(sep)}]`));
  const out = [clause('ev.net.partition', { groups: text }, [], 'fault', 1)];
  if (ctx.servers !== undefined) {
    const listed = new Set(groups.flat());
    const alone = Array.from({ length: ctx.servers }, (_, k) => k + 1).filter((id) => !listed.has(id));
    if (alone.length > 0) {
      out.push(clause(alone.length === 1 ? 'ev.net.isolatedOne' : 'ev.net.isolatedMany', { list: list(lang, alone.map(serverName)) }, [], 'fault', 2));
    }
  }
  return out;
}
