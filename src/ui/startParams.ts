/**
 * Start-up settings from the page address, e.g. `?seed=lecture-1&servers=3&speed=0.1&play=0&lang=zh`
 * (also the switches leaderNoop, fastBackup, preVote, checkQuorum, leaderStickiness, clientSessions,
 * readLeases as 1/0, and snapshotThreshold=N).
 * Untrusted input: anything malformed is ignored with a notice, never applied.
 */
import type { ClusterOptions } from '../sim';
import { isLang, type Lang } from './i18n';
import { clampSpeed } from '../store/uiSlice';

export interface StartParams {
  options: Partial<ClusterOptions>;
  speed: number | null;
  play: boolean;
  lang: Lang | null;
  /** `embed=1`: the embedded view (cluster, narration, logs, transport) for an iframe. */
  embed: boolean;
  /** `lesson=ID` (and `step=K`, counted from 1): open a built-in lesson at that step. */
  lesson: { id: string; step: number } | null;
  /** `step=K` (counted from 1) as a 0-based index: the step a lesson (built-in or from a `#l=` link) opens at. */
  step: number | null;
  /** Parameters that were present but unusable, by name. */
  rejected: string[];
}

export function parseStartParams(search: string): StartParams {
  const q = new URLSearchParams(search);
  // The page opens paused at time 0 (the first election waits for the lecturer); `play=1` starts it at once.
  const out: StartParams = { options: {}, speed: null, play: false, lang: null, embed: false, lesson: null, step: null, rejected: [] };
  const seed = q.get('seed');
  if (seed !== null) {
    if (seed.length > 0 && seed.length <= 200) out.options.seed = seed;
    else out.rejected.push('seed');
  }
  const servers = q.get('servers');
  if (servers !== null) {
    const n = Number(servers);
    if (Number.isInteger(n) && n >= 1 && n <= 9) out.options.servers = n;
    else out.rejected.push('servers');
  }
  for (const flag of ['leaderNoop', 'fastBackup', 'preVote', 'checkQuorum', 'leaderStickiness', 'clientSessions', 'readLeases'] as const) {
    const v = q.get(flag);
    if (v === null) continue;
    if (v === '1' || v === 'true') out.options[flag] = true;
    else if (v === '0' || v === 'false') out.options[flag] = false;
    else out.rejected.push(flag);
  }
  // §7: e.g. snapshotThreshold=20 (0: only on demand).
  const threshold = q.get('snapshotThreshold');
  if (threshold !== null) {
    const n = Number(threshold);
    if (threshold.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 1_000_000) out.options.snapshotThreshold = n;
    else out.rejected.push('snapshotThreshold');
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const s = Number(speed);
    if (Number.isFinite(s) && s > 0) out.speed = clampSpeed(s);
    else out.rejected.push('speed');
  }
  const play = q.get('play');
  if (play === '1' || play === 'true') out.play = true;
  else if (play !== null && play !== '0' && play !== 'false') out.rejected.push('play');
  const embed = q.get('embed');
  if (embed === '1' || embed === 'true') out.embed = true;
  else if (embed !== null && embed !== '0' && embed !== 'false') out.rejected.push('embed');
  const stepText = q.get('step');
  if (stepText !== null) {
    const k = Number(stepText);
    if (Number.isInteger(k) && k >= 1 && k <= 1000) out.step = k - 1;
    else out.rejected.push('step');
  }
  const lesson = q.get('lesson');
  if (lesson !== null) {
    // The id's shape is checked here; whether such a lesson exists is checked when the lessons are loaded.
    if (/^[a-z0-9-]{1,64}$/.test(lesson)) out.lesson = { id: lesson, step: out.step ?? 0 };
    else out.rejected.push('lesson');
  }
  const lang = q.get('lang');
  if (lang !== null) {
    if (isLang(lang)) out.lang = lang;
    else out.rejected.push('lang');
  }
  return out;
}
