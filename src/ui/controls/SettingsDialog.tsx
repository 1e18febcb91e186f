/** Cluster and protocol options for a new run (Apply resets the cluster). */
import { memo, useId, useState, type FormEvent } from 'react';
import { useStore, useT } from '../../store';
import type { UnsafeRules } from '../../engine';
import { DEFAULT_OPTIONS, LIMITS, UNSAFE_RULES, type ClusterOptions } from '../../sim';
import { Dialog } from './Dialog';
import './Controls.css';

interface Draft {
  servers: string;
  seed: string;
  etMin: string;
  etMax: string;
  heartbeat: string;
  maxEntries: string;
  leaderNoop: boolean;
  fastBackup: boolean;
  preVote: boolean;
  checkQuorum: boolean;
  leaderStickiness: boolean;
  snapshotThreshold: string;
  snapshotChunkBytes: string;
  clientSessions: boolean;
  readLeases: boolean;
  clientTimeoutMs: string;
  unsafe: UnsafeRules;
}

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
  const current = useStore((s) => s.sim.options);
  const [d, setD] = useState<Draft>(() => draftOf(current));
  const [error, setError] = useState<string | null>(null);
  const base = useId();

  async function apply(e: FormEvent): Promise<void> {
    e.preventDefault();
    const s = useStore.getState();
    const seedText = d.seed.trim();
    const options: Partial<ClusterOptions> = {
      servers: numberOf(d.servers),
      seed: seedText === '' ? 'lecture-1' : seedText,
      electionTimeoutMs: [numberOf(d.etMin), numberOf(d.etMax)],
      heartbeatMs: numberOf(d.heartbeat),
      maxEntriesPerAppend: numberOf(d.maxEntries),
      leaderNoop: d.leaderNoop,
      fastBackup: d.fastBackup,
      preVote: d.preVote,
      checkQuorum: d.checkQuorum,
      leaderStickiness: d.leaderStickiness,
      snapshotThreshold: numberOf(d.snapshotThreshold),
      snapshotChunkBytes: numberOf(d.snapshotChunkBytes),
      clientSessions: d.clientSessions,
      readLeases: d.readLeases,
      clientTimeoutMs: numberOf(d.clientTimeoutMs),
      unsafe: Object.fromEntries(Object.entries(d.unsafe).filter(([, on]) => on)),
    };
    // Checked here first so the message is in the reader's language; the simulator
    // validates again and its message (naming the field and range) is the fallback.
    const problem = validateDraft(options, t);
    if (problem) {
      setError(problem);
      return;
    }
    let failure: string | null = null;
    const ok = await s.reset(options, (message) => (failure = message));
    if (ok) {
      setError(null);
      onDone();
    } else {
      setError(failure ?? t('settings.failed'));
    }
  }

  const num = (key: keyof Draft, label: string, min: number, max: number, hint?: string) => (
    <div className="field">
      <label htmlFor={`${base}-${key}`}>{label}</label>
      <input
        id={`${base}-${key}`}
        type="number"
        min={min}
        max={max}
        value={d[key] as string}
        onChange={(e) => setD({ ...d, [key]: e.target.value })}
        aria-describedby={hint ? `${base}-${key}-hint` : undefined}
        data-testid={`settings-${key}`}
      />
      {hint && (
        <span className="hint" id={`${base}-${key}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
  const check = (key: Toggle, label: string, hint: string) => (
    <div className="field check">
      <input id={`${base}-${key}`} type="checkbox" checked={d[key]} onChange={(e) => setD({ ...d, [key]: e.target.checked })} aria-describedby={`${base}-${key}-hint`} data-testid={`settings-${key}`} />
      <label htmlFor={`${base}-${key}`}>{label}</label>
      <span className="hint" id={`${base}-${key}-hint`}>
        {hint}
      </span>
    </div>
  );

  return (
    <form className="settings-form" onSubmit={(e) => void apply(e)} noValidate>
      <fieldset className="settings-section">
        <legend>{t('settings.section.cluster')}</legend>
        {num('servers', t('settings.servers'), 1, 9, t('settings.servers.hint'))}
        <div className="field">
          <label htmlFor={`${base}-seed`}>{t('settings.seed')}</label>
          <input id={`${base}-seed`} className="mono" maxLength={200} value={d.seed} onChange={(e) => setD({ ...d, seed: e.target.value })} aria-describedby={`${base}-seed-hint`} data-testid="settings-seed" />
          <span className="hint" id={`${base}-seed-hint`}>
            {t('settings.seed.hint')}
          </span>
        </div>
        {num('etMin', t('settings.etMin'), 1, 600_000)}
        {num('etMax', t('settings.etMax'), 1, 600_000, t('settings.et.hint'))}
        {num('heartbeat', t('settings.heartbeat'), 1, 600_000)}
        {num('maxEntries', t('settings.maxEntries'), 1, 10_000)}
        {check('leaderNoop', t('settings.leaderNoop'), t('settings.leaderNoop.hint'))}
        {check('fastBackup', t('settings.fastBackup'), t('settings.fastBackup.hint'))}
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('settings.section.ext')}</legend>
        {check('preVote', t('settings.preVote'), t('settings.preVote.hint'))}
        {check('checkQuorum', t('settings.checkQuorum'), t('settings.checkQuorum.hint'))}
        {check('leaderStickiness', t('settings.leaderStickiness'), t('settings.leaderStickiness.hint'))}
        {num('snapshotThreshold', t('settings.snapshotThreshold'), 0, LIMITS.snapshotThreshold, t('settings.snapshotThreshold.hint'))}
        {num('snapshotChunkBytes', t('settings.snapshotChunkBytes'), 1, LIMITS.snapshotChunkBytes, t('settings.snapshotChunkBytes.hint'))}
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('settings.section.clients')}</legend>
        {check('clientSessions', t('settings.clientSessions'), t('settings.clientSessions.hint'))}
        {check('readLeases', t('settings.readLeases'), t('settings.readLeases.hint'))}
        {num('clientTimeoutMs', t('settings.clientTimeoutMs'), 1, 600_000, t('settings.clientTimeoutMs.hint'))}
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
      </fieldset>
      {error && (
        <p className="form-error" role="alert" data-testid="settings-error">
          {error}
        </p>
      )}
      <div className="button-row end">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="settings-apply">
          {t('settings.apply')}
        </button>
      </div>
    </form>
  );
}

function validateDraft(o: Partial<ClusterOptions>, t: ReturnType<typeof useT>): string | null {
  const whole = (x: unknown, min: number, max: number): boolean => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
  if (!whole(o.servers, 1, 9)) return t('settings.err.servers');
  const [lo, hi] = o.electionTimeoutMs ?? [NaN, NaN];
  if (!(lo >= 1 && hi <= 600_000)) return t('settings.err.timeout');
  if (lo > hi) return t('settings.err.timeoutOrder');
  if (!(typeof o.heartbeatMs === 'number' && o.heartbeatMs >= 1 && o.heartbeatMs <= 600_000)) return t('settings.err.heartbeat');
  if (!whole(o.maxEntriesPerAppend, 1, 10_000)) return t('settings.err.maxEntries');
  if (!whole(o.snapshotThreshold, 0, LIMITS.snapshotThreshold)) return t('settings.err.snapshotThreshold');
  if (!whole(o.snapshotChunkBytes, 1, LIMITS.snapshotChunkBytes)) return t('settings.err.snapshotChunkBytes');
  if (!(typeof o.clientTimeoutMs === 'number' && o.clientTimeoutMs >= 1 && o.clientTimeoutMs <= 600_000)) return t('settings.err.clientTimeout');
  return null;
}

/** A number field's value; blank is NaN (so it fails validation instead of becoming 0). */
function numberOf(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}
