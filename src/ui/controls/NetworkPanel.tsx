/** Partition presets, heal, and the network model (latency, loss, duplication). */
import { FormFooter } from './FormFooter';
import { memo, useEffect, useId, useState, type FormEvent } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { isolate, splitMinority } from './partitions';

export const NetworkPanel = memo(function NetworkPanel() {
  const t = useT();
  const ready = useStore((s) => s.sim.ready);
  const selected = useStore((s) => s.ui.selectedServer);
  const leader = useStore((s) => s.sim.leaderId);
  const serverCount = useStore((s) => s.sim.servers.length);
  const net = useStore((s) => s.sim.network);
  const faulty = net.cut.length > 0 || net.disconnected.length > 0;
  const headingId = useId();

  const ids = (): number[] => useStore.getState().sim.servers.map((s) => s.id);
  const act = useStore.getState().act;

  const [settingsOpen, setSettingsOpen] = useState(false);
  const dialogHeading = useId();
  const summary = t('net.summary', {
    lo: net.latencyMs[0],
    hi: net.latencyMs[1],
    drop: Math.round(net.dropRate * 1000) / 10,
    dup: Math.round(net.duplicateRate * 1000) / 10,
  });

  return (
    <section className="network-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="strip-title">
        {t('net.title')}
      </h2>
      <div className="strip-buttons">
        <button type="button" disabled={!ready || selected === null} onClick={() => selected !== null && void act({ type: 'partition', groups: isolate(ids(), selected) })} title={t('net.isolateSelected.tip')} data-testid="isolate-selected">
          {t('net.isolateSelected')}
        </button>
        <button type="button" disabled={!ready || leader === null} onClick={() => leader !== null && void act({ type: 'partition', groups: isolate(ids(), leader) })} title={t('net.isolateLeader.tip')} data-testid="isolate-leader">
          {t('net.isolateLeader')}
        </button>
        <button type="button" disabled={!ready || serverCount < 3} onClick={() => void act({ type: 'partition', groups: splitMinority(ids(), leader) })} title={t('net.split.tip')} data-testid="split-minority">
          {t('net.split')}
        </button>
        <button type="button" className={faulty ? 'primary' : ''} disabled={!ready || !faulty} onClick={() => void act({ type: 'heal' })} title={t('net.heal.tip')} data-testid="heal">
          {t('net.heal')}
        </button>
        <button type="button" disabled={!ready} onClick={() => setSettingsOpen(true)} title={summary} data-testid="open-network-settings">
          {t('net.settings')}
        </button>
      </div>
      <Dialog open={settingsOpen} onClose={() => setSettingsOpen(false)} labelledBy={dialogHeading}>
        <h2 id={dialogHeading}>{t('net.settings.title')}</h2>
        <p className="hint">{t('net.settings.intro')}</p>
        <NetworkSettingsForm onDone={() => setSettingsOpen(false)} />
      </Dialog>
    </section>
  );
});

function NetworkSettingsForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const net = useStore((s) => s.sim.network);
  const ready = useStore((s) => s.sim.ready);
  const [draft, setDraft] = useState(() => toDraft(net));
  const [error, setError] = useState<string | null>(null);
  const base = useId();
  const key = `${net.latencyMs[0]}|${net.latencyMs[1]}|${net.dropRate}|${net.duplicateRate}`;
  useEffect(() => setDraft(toDraft(useStore.getState().sim.network)), [key]);

  async function apply(e: FormEvent): Promise<void> {
    e.preventDefault();
    const latencyMs: [number, number] = [Number(draft.min), Number(draft.max)];
    const dropRate = Number(draft.drop) / 100;
    const duplicateRate = Number(draft.dup) / 100;
    const problem = validate(latencyMs, draft.drop, draft.dup, t);
    setError(problem);
    if (problem) return;
    const r = await useStore.getState().act({ type: 'setNetwork', settings: { latencyMs, dropRate, duplicateRate } });
    if (r) onDone();
  }

  const field = (name: keyof typeof draft, label: string, max: number, step: number) => (
    <div className="field">
      <label htmlFor={`${base}-${name}`}>{label}</label>
      <input
        id={`${base}-${name}`}
        type="number"
        min={0}
        max={max}
        step={step}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        data-testid={`net-${name}`}
      />
    </div>
  );

  return (
    <form className="net-form" noValidate onSubmit={(e) => void apply(e)} aria-describedby={error ? `${base}-err` : undefined}>
      {field('min', t('net.latencyMin'), 60_000, 1)}
      {field('max', t('net.latencyMax'), 60_000, 1)}
      {field('drop', t('net.drop'), 100, 1)}
      {field('dup', t('net.dup'), 100, 1)}
      <FormFooter error={error} errorId={`${base}-err`} onCancel={onDone} applyLabel={t('net.apply')} applyTestId="net-apply" disabled={!ready} />
    </form>
  );
}

function toDraft(net: { latencyMs: [number, number]; dropRate: number; duplicateRate: number }) {
  return {
    min: String(net.latencyMs[0]),
    max: String(net.latencyMs[1]),
    drop: String(Math.round(net.dropRate * 1000) / 10),
    dup: String(Math.round(net.duplicateRate * 1000) / 10),
  };
}

function validate(latency: [number, number], drop: string, dup: string, t: ReturnType<typeof useT>): string | null {
  const [min, max] = latency;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < 0 || max > 60_000) return t('net.err.latency');
  if (min > max) return t('net.err.order');
  for (const v of [drop, dup]) {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) return t('net.err.rate');
  }
  return null;
}
