/**
 * The run so far, under the cluster: drag to go to any moment, click a mark
 * (election, crash, restart, network change, commit, client command, safety
 * violation, and the teaching moments: AppendEntries rejected, entries
 * overwritten, a vote refused for the log, an older-term entry on a majority)
 * to jump there, step one event back or forward. A legend says what each mark
 * means. Acting in the past forks the run; the replaced future stays in the
 * branch list, named by the action that started it.
 */
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { formatTime, translate } from '../i18n';
import type { Mark } from '../../worker/protocol';
import { ManualToggle } from './ManualPanel';
import { branchName } from './branchName';
import './Timeline.css';

const MARK_GLYPH: Record<Mark['kind'], string> = {
  election: '★',
  crash: '✕',
  restart: '↺',
  network: '⌁',
  commit: '●',
  client: '▲',
  violation: '⚠',
  membership: '⚙',
  snapshot: '▤',
  appendRejected: '↩',
  overwrite: '✎',
  voteRefused: '⊘',
  oldTermMajority: '◐',
};

export const Timeline = memo(function Timeline() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const ready = useStore((s) => s.sim.ready);
  const position = useStore((s) => s.sim.timeline.position);
  const head = useStore((s) => s.sim.timeline.head);
  const inPast = useStore((s) => s.sim.timeline.inPast);
  const marks = useStore((s) => s.sim.timeline.marks);
  const branches = useStore((s) => s.sim.timeline.branches);
  const busy = useStore((s) => s.busy);
  const sliderId = useId();
  const branchId = useId();
  const kindId = useId();
  const [kind, setKind] = useState<Mark['kind'] | 'any'>('any');
  const pending = useRef<number | null>(null);

  // Dragging asks for many positions; only the latest one waiting is sent when the worker is free.
  useEffect(() => {
    if (!busy && pending.current !== null) {
      const ms = pending.current;
      pending.current = null;
      void useStore.getState().seekTime(ms);
    }
  }, [busy]);

  const span = Math.max(head.time, 1);
  const seekTo = (ms: number): void => {
    const s = useStore.getState();
    s.setPlaying(false);
    if (s.busy) pending.current = ms;
    else void s.seekTime(ms);
  };
  const markLabel = (m: Mark): string => {
    const what = t(`timeline.kind.${m.kind}`);
    const time = formatTime(m.time, lang);
    return m.server === undefined ? t('timeline.mark', { what, time }) : t('timeline.markOn', { what, time, server: m.server });
  };
  const jump = (n: number, time?: number): void => {
    const s = useStore.getState();
    s.setPlaying(false);
    void s.seekEvent(n, time);
  };

  return (
    <section className="timeline panel" aria-label={t('timeline.label')}>
      <div className="timeline-buttons">
        <button type="button" onClick={() => void stepBack()} disabled={!ready || position.n === 0} title={t('timeline.back.tip')} aria-label={t('timeline.back.tip')} data-testid="timeline-step-back">
          |◀ <span className="btn-text">{t('timeline.back')}</span>
        </button>
        <button type="button" onClick={() => void useStore.getState().step()} disabled={!ready} title={t('timeline.forward.tip')} aria-label={t('timeline.forward.tip')} data-testid="step-forward">
          ▶| <span className="btn-text">{t('timeline.forward')}</span>
        </button>
        <label htmlFor={kindId} className="visually-hidden">
          {t('timeline.markKind')}
        </label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as Mark['kind'] | 'any')} data-testid="mark-kind" title={t('timeline.markKind')}>
          <option value="any">{t('timeline.kind.any')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`timeline.kind.${k}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void jumpToMark(-1, kind)} disabled={!ready} title={t('timeline.prevMark.tip')} aria-label={t('timeline.prevMark.tip')} data-testid="prev-mark">
          ◀◆
        </button>
        <button type="button" onClick={() => void jumpToMark(1, kind)} disabled={!ready} title={t('timeline.nextMark.tip')} aria-label={t('timeline.nextMark.tip')} data-testid="next-mark">
          ◆▶
        </button>
        <MarkLegend />
        <ManualToggle />
        {inPast && (
          <button type="button" className="primary" onClick={() => jump(head.n, head.time)} title={t('timeline.present.tip')} data-testid="to-present">
            {t('timeline.present')}
          </button>
        )}
      </div>
      <div className="timeline-track">
        <label htmlFor={sliderId} className="visually-hidden">
          {t('timeline.slider')}
        </label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={span}
          step="any"
          value={Math.min(position.time, span)}
          onChange={(e) => seekTo(Number(e.target.value))}
          aria-valuetext={t('timeline.valuetext', { time: formatTime(position.time, lang), n: position.n, head: formatTime(head.time, lang) })}
          disabled={!ready}
          data-testid="timeline-slider"
        />
        <div className="timeline-marks" aria-label={t('timeline.marks')} role="group">
          {visibleMarks(marks, span).map((m) => (
            <button
              type="button"
              key={`${m.kind}-${m.n}`}
              className={`timeline-mark mark-${m.kind}`}
              style={{ left: `${(m.time / span) * 100}%` }}
              onClick={() => jump(m.n)}
              title={markLabel(m)}
              aria-label={markLabel(m)}
              tabIndex={FREQUENT.has(m.kind) ? -1 : 0}
            >
              {MARK_GLYPH[m.kind]}
            </button>
          ))}
        </div>
      </div>
      <div className="timeline-info">
        <span className="mono" data-testid="timeline-position">
          {t('timeline.position', { n: position.n, head: head.n })}
        </span>
        {branches.length > 1 && (
          <>
            <label htmlFor={branchId} className="visually-hidden">
              {t('timeline.branch')}
            </label>
            <select
              id={branchId}
              value={branches.find((b) => b.current)?.id ?? ''}
              onChange={(e) => void useStore.getState().switchBranch(Number(e.target.value))}
              data-testid="branch-select"
              title={t('timeline.branch.tip')}
            >
              {branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {branchName(b, lang)}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
    </section>
  );
});

/** How many positions across the track marks are told apart at (one glyph per kind per position). */
export const MARK_SLOTS = 200;

/**
 * Marks to draw: at most one per kind in each of MARK_SLOTS slices of the run
 * (the earliest), so a long run with thousands of commands draws a few hundred
 * buttons instead of one per event. Jumping between marks still visits all of them.
 */
export function visibleMarks(marks: readonly Mark[], span: number): Mark[] {
  if (marks.length <= MARK_SLOTS) return marks.slice();
  const seen = new Set<string>();
  const out: Mark[] = [];
  for (const m of marks) {
    const slot = Math.min(MARK_SLOTS - 1, Math.floor((m.time / Math.max(span, 1e-9)) * MARK_SLOTS));
    const key = `${m.kind}:${slot}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}

const KINDS: Mark['kind'][] = [
  'election',
  'crash',
  'restart',
  'network',
  'commit',
  'client',
  'membership',
  'snapshot',
  'appendRejected',
  'overwrite',
  'voteRefused',
  'oldTermMajority',
  'violation',
];

/** Marks that come by the dozen: not each a tab stop (the kind chooser and [ ] reach them). */
const FREQUENT: ReadonlySet<Mark['kind']> = new Set<Mark['kind']>(['commit', 'appendRejected']);

/** What each glyph on the track means: a disclosure button with the list; Escape closes it. */
function MarkLegend() {
  const t = useT();
  const ref = useRef<HTMLDetailsElement>(null);
  return (
    <details
      className="timeline-legend"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          e.preventDefault();
          e.stopPropagation();
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
      data-testid="timeline-legend"
    >
      <summary title={t('timeline.legend.tip')}>{t('timeline.legend')}</summary>
      <ul className="timeline-legend-list panel">
        {KINDS.map((k) => (
          <li key={k}>
            <span className={`timeline-legend-glyph mark-${k}`} aria-hidden="true">
              {MARK_GLYPH[k]}
            </span>
            {t(`timeline.kind.${k}`)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Jump to the previous (-1) or next (+1) mark of a kind ('any' for every kind). */
export async function jumpToMark(direction: -1 | 1, kind: Mark['kind'] | 'any'): Promise<void> {
  const s = useStore.getState();
  const { marks, position } = s.sim.timeline;
  const fits = (m: Mark): boolean => kind === 'any' || m.kind === kind;
  const target =
    direction > 0
      ? marks.find((m) => fits(m) && m.n > position.n)
      : [...marks].reverse().find((m) => fits(m) && m.n < position.n);
  if (!target) {
    s.toast('info', translate(s.ui.lang, direction > 0 ? 'timeline.noNextMark' : 'timeline.noPrevMark'));
    return;
  }
  s.setPlaying(false);
  await s.seekEvent(target.n);
}

export async function stepBack(): Promise<void> {
  const s = useStore.getState();
  s.setPlaying(false);
  await s.stepBack();
}
