/**
 * "Run until…" (issue 13): run the cluster until a condition holds — "S3 is
 * leader", "index 5 is committed on every server", "a safety violation" — or
 * until a limit of simulated time passes, then say which. The conditions are
 * the lessons' vocabulary (src/analysis/conditions.ts): common ones are picked
 * from a list with their numbers; any other can be typed as JSON, checked as
 * untrusted input with a message naming the bad field.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { describeCondition, parseCondition, type Condition } from '../../analysis';
import { LIMITS } from '../../sim';

/** The conditions offered in the list; `custom` is JSON typed by the user. */
export const RUN_UNTIL_TEMPLATES = ['isLeader', 'leaderTerm', 'committedAll', 'logsMatch', 'crashed', 'overwrite', 'violation', 'custom'] as const;
export type RunUntilTemplate = (typeof RUN_UNTIL_TEMPLATES)[number];

/** Default limit: long enough for elections after a crash, short enough to come back at once when nothing happens. */
const DEFAULT_LIMIT_S = 10;
const MAX_LIMIT_S = LIMITS.timeMs / 1000;

export interface RunUntilFields {
  server: number;
  number: number;
  json: string;
}

/**
 * The condition a template and its fields stand for (a plain object, checked
 * by parseCondition like any other input). Exported for the unit tests.
 */
export function conditionOf(template: RunUntilTemplate, f: RunUntilFields): unknown {
  switch (template) {
    case 'isLeader':
      return { kind: 'isLeader', server: f.server };
    case 'leaderTerm':
      return { kind: 'leaderExists', minTerm: f.number };
    case 'committedAll':
      return { kind: 'committedOn', index: f.number, servers: 'all' };
    case 'logsMatch':
      return { kind: 'logsMatch', a: f.server, b: 'leader', upTo: f.number };
    case 'crashed':
      return { kind: 'crashed', server: f.server };
    case 'overwrite':
      return { kind: 'entryOverwritten', index: f.number };
    case 'violation':
      return { kind: 'violation' };
    case 'custom':
      try {
        return JSON.parse(f.json) as unknown;
      } catch {
        return undefined;
      }
  }
}

/** The templates that take a server, and those that take a number (a term or an index). */
export const USES_SERVER: ReadonlySet<RunUntilTemplate> = new Set(['isLeader', 'logsMatch', 'crashed']);
export const USES_NUMBER: ReadonlySet<RunUntilTemplate> = new Set(['leaderTerm', 'committedAll', 'logsMatch', 'overwrite']);

/** What the user chose, kept by the menu while the panel is closed (reopening shows the last choice). */
export interface RunUntilDraft {
  template: RunUntilTemplate;
  server: number | null;
  number: number;
  json: string;
  limitS: number;
}

export const INITIAL_RUN_UNTIL: RunUntilDraft = { template: 'isLeader', server: null, number: 2, json: '{"kind": "leaderExists", "minTerm": 3}', limitS: DEFAULT_LIMIT_S };

export function RunUntilForm({ draft, onChange }: { draft: RunUntilDraft; onChange: (d: RunUntilDraft) => void }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const ids = useStore((s) => s.sim.servers.map((v) => v.id).join(','));
  const ready = useStore((s) => s.sim.ready);
  const busy = useStore((s) => s.ui.playing);
  const serverIds = useMemo(() => (ids ? ids.split(',').map(Number) : []), [ids]);
  const { template, server, number, json, limitS } = draft;
  const edit = (patch: Partial<RunUntilDraft>) => onChange({ ...draft, ...patch });
  const [running, setRunning] = useState(false);

  const chosenServer = server !== null && serverIds.includes(server) ? server : (serverIds[0] ?? 1);
  const raw = conditionOf(template, { server: chosenServer, number, json });
  const parsed = raw === undefined ? null : parseCondition(raw);
  const limitOk = Number.isFinite(limitS) && limitS > 0 && limitS <= MAX_LIMIT_S;
  const error =
    raw === undefined
      ? t('runUntil.badJson')
      : parsed && !parsed.ok
        ? parsed.error[lang]
        : !limitOk
          ? t('runUntil.badLimit', { max: MAX_LIMIT_S })
          : null;

  const run = async (cond: Condition) => {
    setRunning(true);
    const s = useStore.getState();
    s.setPlaying(false);
    try {
      await s.runUntil(cond, Math.round(limitS * 1000));
    } finally {
      setRunning(false);
    }
  };

  return (
    <form
      className="run-until"
      data-testid="run-until"
      onSubmit={(e) => {
        e.preventDefault();
        if (!error && parsed?.ok) void run(parsed.value);
      }}
    >
      <fieldset>
        <legend>{t('runUntil.label')}</legend>
        <label className="run-until-row">
          <span>{t('runUntil.what')}</span>
          <select value={template} onChange={(e) => edit({ template: e.target.value as RunUntilTemplate })} data-testid="run-until-template">
            {RUN_UNTIL_TEMPLATES.map((k) => (
              <option key={k} value={k}>
                {t(`runUntil.template.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {USES_SERVER.has(template) && (
          <label className="run-until-row">
            <span>{t('runUntil.server')}</span>
            <select value={chosenServer} onChange={(e) => edit({ server: Number(e.target.value) })} data-testid="run-until-server">
              {serverIds.map((s) => (
                <option key={s} value={s}>
                  S{s}
                </option>
              ))}
            </select>
          </label>
        )}
        {USES_NUMBER.has(template) && (
          <label className="run-until-row">
            <span>{t(template === 'leaderTerm' ? 'runUntil.term' : 'runUntil.index')}</span>
            <input type="number" min={template === 'leaderTerm' ? 0 : 1} step={1} value={Number.isFinite(number) ? number : ''} onChange={(e) => edit({ number: e.target.valueAsNumber })} data-testid="run-until-number" />
          </label>
        )}
        {template === 'custom' && (
          <label className="run-until-row run-until-json">
            <span>{t('runUntil.json')}</span>
            <textarea rows={3} spellCheck={false} value={json} onChange={(e) => edit({ json: e.target.value })} data-testid="run-until-json" />
          </label>
        )}
        <label className="run-until-row">
          <span>{t('runUntil.limit')}</span>
          <input type="number" min={0.001} max={MAX_LIMIT_S} step="any" value={Number.isFinite(limitS) ? limitS : ''} onChange={(e) => edit({ limitS: e.target.valueAsNumber })} data-testid="run-until-limit" />
        </label>
        {parsed?.ok && !error && (
          <p className="run-until-said muted" data-testid="run-until-said">
            {t('runUntil.summary', { what: describeCondition(parsed.value, lang), limit: String(limitS) })}
          </p>
        )}
        {error && (
          <p className="run-until-error" role="alert" data-testid="run-until-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={!ready || running || busy || error !== null} data-testid="run-until-go">
          {running ? t('runUntil.running') : t('runUntil.go')}
        </button>
      </fieldset>
    </form>
  );
}
