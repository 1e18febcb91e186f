/**
 * Every event in one plain sentence with the paper section it illustrates,
 * newest first; filterable by server and kind. Safety violations are pinned on
 * top. Only the newest rows are rendered; older ones stay in the store.
 */
import { memo, useId, useMemo } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { TraceEvent } from '../../sim';
import { formatTime } from '../i18n';
import { describeEvent, describeViolation, EVENT_CATEGORIES, eventKindsFor, sectionLabel, type EventCategory } from './describe';
import { useThrottled } from '../useThrottled';

const ROWS_SHOWN = 200;


function involves(e: TraceEvent, id: number): boolean {
  return e.server === id || e.message?.from === id || e.message?.to === id;
}

export const EventLog = memo(function EventLog() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const playing = useStore((s) => s.ui.playing);
  // Reading 60 new rows a second helps nobody and costs the cluster view its frames.
  const events = useThrottled(
    useStore((s) => s.sim.events),
    200,
    playing,
  );
  const violations = useStore((s) => s.sim.violations);
  const filter = useStore((s) => s.ui.eventFilter);
  const serverIds = useStore((s) => s.sim.servers.map((v) => v.id).join(','));
  const headingId = useId();
  const serverFilterId = useId();

  const rows = useMemo(() => {
    const out: TraceEvent[] = [];
    for (let i = events.length - 1; i >= 0 && out.length < ROWS_SHOWN; i--) {
      const e = events[i]!;
      if (filter.server !== null && !involves(e, filter.server)) continue;
      const selected = filter.categories;
      if (selected.length > 0 && !eventKindsFor(e).some((k) => selected.includes(k))) continue;
      out.push(e);
    }
    return out;
  }, [events, filter]);

  const toggleCategory = (c: EventCategory): void => {
    const cur = useStore.getState().ui.eventFilter.categories;
    const next = cur.includes(c) ? cur.filter((x) => x !== c) : [...cur, c];
    useStore.getState().setEventFilter({ categories: next });
  };

  return (
    <section className="panel event-log" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('events.title')}</h2>
      <div className="event-filters">
        <label htmlFor={serverFilterId} className="visually-hidden">
          {t('events.filterServer')}
        </label>
        <select
          id={serverFilterId}
          value={filter.server ?? ''}
          onChange={(e) => useStore.getState().setEventFilter({ server: e.target.value === '' ? null : Number(e.target.value) })}
          data-testid="event-filter-server"
        >
          <option value="">{t('events.allServers')}</option>
          {serverIds
            .split(',')
            .filter(Boolean)
            .map((id) => (
              <option key={id} value={id}>
                S{id}
              </option>
            ))}
        </select>
        {EVENT_CATEGORIES.map((c) => (
          <button key={c} type="button" className="chip" aria-pressed={filter.categories.includes(c)} onClick={() => toggleCategory(c)}>
            {t(`ev.cat.${c}`)}
          </button>
        ))}
      </div>
      {violations.length > 0 && (
        <ul className="violations" aria-label={t('events.violations')} data-testid="violations">
          {violations.map((v, k) => (
            <li key={k} className="violation">
              <span className="mono when">{formatTime(v.time, lang)}</span> ⚠ {describeViolation(v, lang)}
            </li>
          ))}
        </ul>
      )}
      {/* Focusable so the list can be scrolled from the keyboard. */}
      <ol className="events" data-testid="event-list" tabIndex={0} aria-labelledby={headingId}>
        {rows.length === 0 && <li className="empty">{t('events.empty')}</li>}
        {rows.map((e) => (
          <EventRow key={e.n} e={e} lang={lang} />
        ))}
      </ol>
    </section>
  );
});

const EventRow = memo(function EventRow({ e, lang }: { e: TraceEvent; lang: 'en' | 'zh' }) {
  const servers = useStore((s) => s.sim.servers.length);
  const d = describeEvent(e, lang, { servers });
  return (
    <li className={`event tone-${d.tone}`} data-kind={e.kind}>
      <span className="mono when">{formatTime(e.time, lang)}</span>
      <span className="text">{d.plain}</span>
      {d.section && <span className="section">{sectionLabel(lang, d.section)}</span>}
    </li>
  );
});
