/** The top bar: playback, speed, simulated time, reset, language, presentation mode and help. */
import { memo, useId } from 'react';
import { useStore, useT } from '../../store';
import { formatTime, LANGS, isLang, translate } from '../i18n';
import { formatSpeed, sliderFromSpeed, speedFromSlider } from './speed';
import { newSeed } from './seed';
import { PresetMenu } from './PresetMenu';

export const Toolbar = memo(function Toolbar({ onOpenSettings, onOpenShare }: { onOpenSettings: () => void; onOpenShare: () => void }) {
  const t = useT();
  const playing = useStore((s) => s.ui.playing);
  const manual = useStore((s) => s.ui.manual);
  const speed = useStore((s) => s.ui.speed);
  const lang = useStore((s) => s.ui.lang);
  const presentation = useStore((s) => s.ui.presentation);
  const now = useStore((s) => s.sim.now);
  const eventCount = useStore((s) => s.sim.eventCount);
  const ready = useStore((s) => s.sim.ready);
  const seed = useStore((s) => s.sim.options?.seed);
  const broken = useStore((s) => Object.values(s.sim.options?.unsafe ?? {}).filter(Boolean).length);
  const speedId = useId();
  const langId = useId();
  const st = useStore.getState;

  return (
    <header className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <h1 className="toolbar-title">{t('app.title')}</h1>
      <div className="toolbar-group">
        <button
          type="button"
          className="primary"
          onClick={() => st().togglePlaying()}
          disabled={!ready || manual}
          aria-pressed={playing}
          title={t('toolbar.play.tip')}
          data-testid="play"
        >
          {playing ? `❚❚ ${t('toolbar.pause')}` : `▶ ${t('toolbar.play')}`}
        </button>
        <button type="button" onClick={() => void st().step()} disabled={!ready || playing} title={t('toolbar.step.tip')} data-testid="step">
          ▶| {t('toolbar.step')}
        </button>
        <button type="button" onClick={() => void runToInteresting()} disabled={!ready || playing} title={t('toolbar.next.tip')} data-testid="next-interesting">
          ▶▶ {t('toolbar.next')}
        </button>
      </div>
      <div className="toolbar-group">
        <label htmlFor={speedId} className="speed-label">
          {t('toolbar.speed')}
        </label>
        <input
          id={speedId}
          type="range"
          min={0}
          max={1000}
          step={1}
          value={Math.round(sliderFromSpeed(speed) * 1000)}
          onChange={(e) => st().setSpeed(speedFromSlider(Number(e.target.value) / 1000))}
          aria-valuetext={formatSpeed(speed)}
          title={t('toolbar.speed.tip')}
          data-testid="speed"
        />
        <output className="mono speed-value" htmlFor={speedId}>
          {formatSpeed(speed)}
        </output>
      </div>
      <div className="toolbar-group time" aria-live="off">
        <span className="mono" data-testid="sim-time" title={t('toolbar.time.tip')}>
          {formatTime(now, lang)}
        </span>
        <span className="muted mono events-count">{t('toolbar.events', { n: eventCount })}</span>
        <span className="muted seed" title={t('toolbar.seed.tip')}>
          {t('toolbar.seed')}: <span className="mono">{String(seed ?? '')}</span>
        </span>
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={() => void resetWithNewSeed()} disabled={!ready} title={t('toolbar.reset.tip')} data-testid="reset">
          {t('toolbar.reset')}
        </button>
        <button type="button" onClick={onOpenSettings} disabled={!ready} title={t('toolbar.settings.tip')} data-testid="open-settings">
          {t('toolbar.settings')}
        </button>
        <PresetMenu />
        <button type="button" onClick={onOpenShare} disabled={!ready} title={t('toolbar.share.tip')} data-testid="open-share">
          {t('toolbar.share')}
        </button>
        {broken > 0 && (
          <button type="button" className="danger" onClick={onOpenSettings} title={t('toolbar.unsafe.tip')} data-testid="unsafe-badge">
            ⚠ {t('toolbar.unsafe', { n: broken })}
          </button>
        )}
      </div>
      <div className="toolbar-group toolbar-end">
        <label htmlFor={langId} className="visually-hidden">
          {t('lang.switch')}
        </label>
        <select id={langId} value={lang} onChange={(e) => isLang(e.target.value) && st().setLang(e.target.value)} data-testid="lang">
          {LANGS.map((l) => (
            <option key={l.code} value={l.code}>
              {l.label}
            </option>
          ))}
        </select>
        <button type="button" aria-pressed={presentation} onClick={() => st().togglePresentation()} title={t('toolbar.presentation.tip')}>
          {t('toolbar.presentation')}
        </button>
        <button type="button" onClick={() => st().setHelpOpen(true)} title={t('toolbar.help.tip')} aria-label={t('toolbar.help')}>
          ?
        </button>
      </div>
    </header>
  );
});

/** Run to the next role change, commit or violation, and say why it stopped. */
export async function runToInteresting(): Promise<void> {
  const s = useStore.getState();
  const reason = await s.nextInteresting();
  if (reason === 'limit') s.toast('info', translate(s.ui.lang, 'toolbar.next.none'));
}

export async function resetWithNewSeed(): Promise<void> {
  const s = useStore.getState();
  await s.reset({ ...s.settings, seed: newSeed() });
}
