/**
 * "Find a counterexample" beside the "break a rule" switches (issue 14): the
 * analysis worker searches random fault schedules with the switched-off rules
 * and shrinks the first run that breaks safety; "Open it" loads that run like
 * a shared link, at the violation, with its "About this scenario". A lesson
 * step that breaks a rule offers the same finder for that rule (LessonPanel).
 */
import type { UnsafeRules } from '../../engine';
import { brokenRule, PROPERTY_ZH, type UnsafeRule } from '../../analysis';
import { useStore } from '../../store';
import { formatCount, useT } from '../i18n';

/** The switches turned on, sorted: two sets of rules are the same search when these are equal. */
function rulesOn(unsafe: UnsafeRules | null): string {
  return (Object.keys(unsafe ?? {}) as UnsafeRule[])
    .filter((k) => unsafe![k] === true)
    .sort()
    .join(',');
}

const IDLE = { status: 'idle', unsafe: null, progress: null, result: null, error: null } as const;

export function CounterexampleFinder({ unsafe, onOpened, intro }: { unsafe: UnsafeRules; onOpened: () => void; intro?: string }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const current = useStore((s) => s.analysis.counterexample);
  // One search at a time for the whole page: a search for other rules (from Settings, or another lesson step) is not this one's.
  const job = current.status === 'idle' || rulesOn(current.unsafe) === rulesOn(unsafe) ? current : IDLE;
  const find = useStore((s) => s.findCounterexample);
  const cancel = useStore((s) => s.cancelAnalysis);
  const open = useStore((s) => s.openCounterexample);
  const n = (x: number) => formatCount(x, lang);
  const p = job.progress;
  const r = job.result;
  const on = (Object.keys(unsafe) as UnsafeRule[]).filter((k) => unsafe[k] === true);
  // readWithoutQuorum (§8) breaks linearizability, not the logs this search checks.
  const unsearched = on.length > 0 && on.every((k) => brokenRule(k) === undefined);
  const property = r?.violation ? (lang === 'zh' ? PROPERTY_ZH[r.violation.property] : r.violation.property) : '';
  return (
    <div className="counterexample" data-testid="counterexample">
      <p className="hint">{intro ?? t('cx.intro')}</p>
      {unsearched && (
        <p className="hint" data-testid="counterexample-unsearched">
          {t('cx.unsearched')}
        </p>
      )}
      {job.status === 'running' ? (
        <div role="status" aria-live="polite">
          <span data-testid="counterexample-progress">
            {p?.best
              ? p.phase === 'search'
                ? t('cx.alternatives', { schedules: n(p.schedulesTried), actions: n(p.best.actions), servers: n(p.best.servers) })
                : t('cx.shrinking', { steps: n(p.shrinkSteps), actions: n(p.best.actions), servers: n(p.best.servers) })
              : t('cx.searching', { schedules: n(p?.schedulesTried ?? 0), events: n(p?.eventsRun ?? 0) })}
          </span>{' '}
          <button type="button" onClick={() => cancel('counterexample')} data-testid="counterexample-cancel">
            {t('cx.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void find({ unsafe })} data-testid="counterexample-find">
          {t('cx.find')}
        </button>
      )}
      {job.status === 'done' && r?.found && (
        <p role="status" data-testid="counterexample-found">
          {t('cx.found', { property, schedules: n(r.schedulesToFirstHit ?? r.schedulesTried), actions: n(r.scenario!.actions.length), servers: n(r.scenario!.options.servers ?? 0) })}{' '}
          <button type="button" onClick={() => void open().then((ok) => ok && onOpened())} data-testid="counterexample-open">
            {t('cx.open')}
          </button>
        </p>
      )}
      {job.status === 'done' && r && !r.found && (
        <p role="status" data-testid="counterexample-none">
          {t(r.stopped ? 'cx.none.stopped' : 'cx.none', { schedules: n(r.schedulesTried) })}
        </p>
      )}
      {job.status === 'cancelled' && (
        <p role="status" data-testid="counterexample-cancelled">
          {t('cx.cancelled')}
        </p>
      )}
      {job.status === 'error' && (
        <p role="alert" className="error">
          {t('cx.error', { error: job.error ?? '' })}
        </p>
      )}
    </div>
  );
}
