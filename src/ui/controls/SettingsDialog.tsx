/**
 * Cluster and protocol options for a new run (Apply resets the cluster).
 *
 * Every field is checked by the simulator's own rules (resolveOptions, one
 * field at a time), so the ranges shown are the simulator's and every invalid
 * field is reported at once, next to it. Values that are valid but make Raft
 * misbehave are accepted with a warning that says why (settingsChecks.ts).
 */
import { FormFooter } from './FormFooter';
import { memo, useId, useState, type FormEvent } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { DEFAULT_OPTIONS, UNSAFE_RULES, type ClusterOptions } from '../../sim';
import { CounterexampleFinder } from './CounterexampleFinder';
import { Dialog } from './Dialog';
import { draftProblems, draftWarnings, optionsOf, rangeOf, type Draft, type NumberField } from './settingsChecks';
import './Controls.css';

type Toggle = 'leaderNoop' | 'fastBackup' | 'preVote' | 'checkQuorum' | 'leaderStickiness' | 'clientSessions' | 'readLeases';

function draftOf(o: ClusterOptions | null): Draft {
  return {
    servers: String(o?.servers ?? 5),
    seed: String(o?.seed ?? 'lecture-1'),
    etMin: String(o?.electionTimeoutMs[0] ?? 150),
    etMax: String(o?.electionTimeoutMs[1] ?? 300),
    heartbeat: String(o?.heartbeatMs ?? 50),
    maxEntries: String(o?.maxEntriesPerAppend ?? 64),
    leaderNoop: o?.leaderNoop ?? false,
    fastBackup: o?.fastBackup ?? false,
    preVote: o?.preVote ?? DEFAULT_OPTIONS.preVote,
    checkQuorum: o?.checkQuorum ?? DEFAULT_OPTIONS.checkQuorum,
    leaderStickiness: o?.leaderStickiness ?? DEFAULT_OPTIONS.leaderStickiness,
    snapshotThreshold: String(o?.snapshotThreshold ?? DEFAULT_OPTIONS.snapshotThreshold),
    snapshotChunkBytes: String(o?.snapshotChunkBytes ?? DEFAULT_OPTIONS.snapshotChunkBytes),
    clientSessions: o?.clientSessions ?? DEFAULT_OPTIONS.clientSessions,
    readLeases: o?.readLeases ?? DEFAULT_OPTIONS.readLeases,
    clientTimeoutMs: String(o?.clientTimeoutMs ?? DEFAULT_OPTIONS.clientTimeoutMs),
    unsafe: { ...(o?.unsafe ?? {}) },
  };
}

export const SettingsDialog = memo(function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const headingId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={headingId}>
      <h2 id={headingId}>{t('settings.title')}</h2>
      <SettingsForm onDone={onClose} />
    </Dialog>
  );
});

function SettingsForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const current = useStore((s) => s.sim.options);
  const [d, setD] = useState<Draft>(() => draftOf(current));
  // Errors are shown once Apply has been pressed, then kept up to date as fields are fixed.
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const base = useId();
  const problems = tried ? draftProblems(d, lang) : {};
  const warnings = draftWarnings(d, lang);

  async function apply(e: FormEvent): Promise<void> {
    e.preventDefault();
    setTried(true);
    const found = draftProblems(d, lang);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      // The first invalid field takes the focus; its error is read with it (aria-describedby).
      document.getElementById(`${base}-${first}`)?.focus();
      return;
    }
    const s = useStore.getState();
    let message: string | null = null;
    const ok = await s.reset(optionsOf(d), (m) => (message = m));
    if (ok) {
      setFailure(null);
      // Accepted, and still said: the dialog closes, so the warning goes to a notice.
      for (const w of Object.values(draftWarnings(d, lang))) s.toast('info', w);
      onDone();
    } else {
      setFailure(message ?? t('settings.failed'));
    }
  }

  const describedBy = (key: string, hint: boolean): string | undefined =>
    [hint && `${base}-${key}-hint`, problems[key as NumberField] && `${base}-${key}-error`, warnings[key as NumberField] && `${base}-${key}-warning`].filter(Boolean).join(' ') ||
    undefined;

  const num = (key: NumberField, label: string, hint?: string) => {
    const range = rangeOf(key);
    const error = problems[key];
    const warning = warnings[key];
    return (
      <div className="field">
        <label htmlFor={`${base}-${key}`}>{label}</label>
        <input
          id={`${base}-${key}`}
          type="number"
          min={range?.min}
          max={range?.max}
          value={d[key]}
          onChange={(e) => setD({ ...d, [key]: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(key, hint !== undefined)}
          data-testid={`settings-${key}`}
        />
        {hint && (
          <span className="hint" id={`${base}-${key}-hint`}>
            {hint}
          </span>
        )}
        {error && (
          <p className="form-error" role="alert" id={`${base}-${key}-error`} data-testid="settings-error" data-field={key}>
            {error}
          </p>
        )}
        {warning && !error && (
          <p className="field-warning" id={`${base}-${key}-warning`} data-testid="settings-warning" data-field={key}>
            {warning}
          </p>
        )}
      </div>
    );
  };
  const check = (key: Toggle, label: string, hint: string) => (
    <div className="field check">
      <input id={`${base}-${key}`} type="checkbox" checked={d[key]} onChange={(e) => setD({ ...d, [key]: e.target.checked })} aria-describedby={`${base}-${key}-hint`} data-testid={`settings-${key}`} />
      <label htmlFor={`${base}-${key}`}>{label}</label>
      <span className="hint" id={`${base}-${key}-hint`}>
        {hint}
      </span>
    </div>
  );
  const servers = rangeOf('servers');

  return (
    <form className="settings-form" onSubmit={(e) => void apply(e)} noValidate>
      <fieldset className="settings-section">
        <legend>{t('settings.section.cluster')}</legend>
        {num('servers', t('settings.servers'), servers ? t('settings.servers.hint', servers) : undefined)}
        <div className="field">
          <label htmlFor={`${base}-seed`}>{t('settings.seed')}</label>
          <input
            id={`${base}-seed`}
            className="mono"
            maxLength={200}
            value={d.seed}
            onChange={(e) => setD({ ...d, seed: e.target.value })}
            aria-invalid={problems.seed ? true : undefined}
            aria-describedby={describedBy('seed', true)}
            data-testid="settings-seed"
          />
          <span className="hint" id={`${base}-seed-hint`}>
            {t('settings.seed.hint')}
          </span>
          {problems.seed && (
            <p className="form-error" role="alert" id={`${base}-seed-error`} data-testid="settings-error" data-field="seed">
              {problems.seed}
            </p>
          )}
        </div>
        {num('etMin', t('settings.etMin'))}
        {num('etMax', t('settings.etMax'), t('settings.et.hint'))}
        {num('heartbeat', t('settings.heartbeat'))}
        {num('maxEntries', t('settings.maxEntries'))}
        {check('leaderNoop', t('settings.leaderNoop'), t('settings.leaderNoop.hint'))}
        {check('fastBackup', t('settings.fastBackup'), t('settings.fastBackup.hint'))}
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('settings.section.electionAndCompaction')}</legend>
        {check('preVote', t('settings.preVote'), t('settings.preVote.hint'))}
        {check('checkQuorum', t('settings.checkQuorum'), t('settings.checkQuorum.hint'))}
        {check('leaderStickiness', t('settings.leaderStickiness'), t('settings.leaderStickiness.hint'))}
        {num('snapshotThreshold', t('settings.snapshotThreshold'), t('settings.snapshotThreshold.hint'))}
        {num('snapshotChunkBytes', t('settings.snapshotChunkBytes'), t('settings.snapshotChunkBytes.hint'))}
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('settings.section.clients')}</legend>
        {check('clientSessions', t('settings.clientSessions'), t('settings.clientSessions.hint'))}
        {check('readLeases', t('settings.readLeases'), t('settings.readLeases.hint'))}
        {num('clientTimeoutMs', t('settings.clientTimeoutMs'), t('settings.clientTimeoutMs.hint'))}
      </fieldset>
      <fieldset className="unsafe-rules">
        <legend>{t('settings.unsafe')}</legend>
        <p className="hint">{t('settings.unsafe.intro')}</p>
        {UNSAFE_RULES.map((rule) => (
          <div className="field check" key={rule}>
            <input
              id={`${base}-unsafe-${rule}`}
              type="checkbox"
              checked={d.unsafe[rule] === true}
              onChange={(e) => setD({ ...d, unsafe: { ...d.unsafe, [rule]: e.target.checked } })}
              data-testid={`settings-unsafe-${rule}`}
            />
            <label htmlFor={`${base}-unsafe-${rule}`}>{t(`settings.unsafe.${rule}`)}</label>
          </div>
        ))}
        <CounterexampleFinder unsafe={d.unsafe} onOpened={onDone} />
      </fieldset>
      <FormFooter error={failure} errorTestId="settings-error" onCancel={onDone} applyLabel={t('settings.apply')} applyTestId="settings-apply" />
    </form>
  );
}
