/**
 * The narration: the latest event's sentence, in large type beside the cluster,
 * with the paper section it illustrates. When the user steps back or picks an
 * event in the event log, that event is told instead. Before anything has
 * happened it says how to start, so the first election waits for the lecturer.
 * Under it, the latest safety violation: which property failed and, when
 * "break a rule" switches are on, which rules were turned off (issue 14).
 */
import { memo, useMemo } from 'react';
import { brokenRule, type UnsafeRule } from '../../analysis';
import type { UnsafeRules } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { TraceEvent } from '../../sim';
import { formatTime } from '../i18n';
import { describeEvent, describeViolation, sectionLabel } from '../events/describe';
import { useThrottled } from '../useThrottled';
import './Narration.css';

/** While playing, one sentence every so often: a sentence that changes 60 times a second is read by nobody. */
const PLAYING_THROTTLE_MS = 900;

function pickEvent(events: TraceEvent[], n: number | null): TraceEvent | null {
  if (n !== null) {
    for (let i = events.length - 1; i >= 0; i--) if (events[i]!.n === n) return events[i]!;
  }
  return events.length > 0 ? events[events.length - 1]! : null;
}

/** The switches turned off in the run, in the order BROKEN_RULES lists them. */
function rulesOff(unsafe: UnsafeRules | undefined): UnsafeRule[] {
  return (Object.keys(unsafe ?? {}) as UnsafeRule[]).filter((k) => unsafe![k] === true);
}

export const Narration = memo(function Narration() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const playing = useStore((s) => s.ui.playing);
  const picked = useStore((s) => s.ui.narrationEvent);
  const eventsNow = useStore((s) => s.sim.events);
  const events = useThrottled(eventsNow, PLAYING_THROTTLE_MS, playing);
  const servers = useStore((s) => s.sim.servers.length);
  const ready = useStore((s) => s.sim.ready);
  const now = useStore((s) => s.sim.now);
  const violations = useStore((s) => s.sim.violations);
  const unsafe = useStore((s) => s.sim.options?.unsafe);
  const e = useMemo(() => pickEvent(events, picked), [events, picked]);
  const d = useMemo(() => (e ? describeEvent(e, lang, { servers }) : null), [e, lang, servers]);
  const last = violations.length > 0 ? violations[violations.length - 1]! : null;
  const atStart = ready && now === 0 && eventsNow.length === 0;

  return (
    <section className="narration panel" aria-label={t('narration.label')} data-testid="narration">
      {atStart ? (
        <>
          <p className="narration-text narration-start" data-testid="narration-text">
            {t('narration.start')}
          </p>
          <button type="button" className="primary lesson-start-here" onClick={() => useStore.getState().setLessonsOpen(true)} data-testid="start-here">
            {t('lessons.startHere')}
          </button>
        </>
      ) : d && e ? (
        <>
          <p className="narration-meta">
            <span className="mono">{formatTime(e.time, lang)}</span>
            <span className="mono"> · #{e.n}</span>
            {picked !== null && (
              <button type="button" className="link-button" onClick={() => useStore.getState().setNarrationEvent(null)} data-testid="narration-latest">
                {t('narration.latest')}
              </button>
            )}
          </p>
          <p className={`narration-text tone-${d.tone}`} data-testid="narration-text" aria-live={playing ? 'off' : 'polite'}>
            {d.plain}
          </p>
          {d.section && (
            <p className="narration-section" data-testid="narration-section">
              {sectionLabel(lang, d.section)}
            </p>
          )}
        </>
      ) : (
        <p className="narration-text muted" data-testid="narration-text">
          {ready ? t('narration.quiet') : t('app.loading')}
        </p>
      )}
      {last && (
        <p className="narration-violation" role="alert" data-testid="narration-violation">
          ⚠ {describeViolation(last, lang)}
          {rulesOff(unsafe).map((key) => {
            const b = brokenRule(key);
            return (
              <span key={key} className="narration-rule-off">
                {' '}
                {t('narration.ruleOff', { rule: b ? b.name[lang] : key, section: b?.section ?? '—', key })}
              </span>
            );
          })}
        </p>
      )}
    </section>
  );
});
