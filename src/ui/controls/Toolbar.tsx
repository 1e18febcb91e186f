/**
 * The top bar, on one row in every room: the transport (step back, play/pause,
 * step, next) and the simulated time on the left, then speed; the tools
 * (presets, about this scenario, share, settings, new run, language,
 * presentation mode, help) on the right, folded into "More" where the screen is
 * too narrow for all of them.
 */
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { formatTime, LANGS, isLang, translate } from '../i18n';
import { formatSpeed, sliderFromSpeed, speedFromSlider } from './speed';
import { newSeed } from './seed';
import { PresetMenu } from './PresetMenu';
import { NextStopsMenu } from './NextStopsMenu';
import { RunUntilMenu } from './RunUntilMenu';
import { stepBack } from '../timeline/Timeline';
import { PHONE_QUERY, STACK_QUERY, useMedia, WIDE_TOOLBAR_QUERY } from '../layout/useMedia';

interface ToolbarProps {
  onOpenSettings: () => void;
  onOpenShare: () => void;
}

export const Toolbar = memo(function Toolbar(props: ToolbarProps) {
  const t = useT();
  const playing = useStore((s) => s.ui.playing);
  const manual = useStore((s) => s.ui.manual);
  const lang = useStore((s) => s.ui.lang);
  const presentation = useStore((s) => s.ui.presentation);
  const embed = useStore((s) => s.ui.embed);
  const now = useStore((s) => s.sim.now);
  const eventCount = useStore((s) => s.sim.eventCount);
  const ready = useStore((s) => s.sim.ready);
  const stack = useMedia(STACK_QUERY);
  const wide = useMedia(WIDE_TOOLBAR_QUERY);
  const phone = useMedia(PHONE_QUERY);
  const st = useStore.getState;
  // Tools fold into "More" on narrow screens and whenever presentation mode enlarges the type.
  const folded = stack || !wide || presentation;

  return (
    <header className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <h1 className="toolbar-title">{t('app.title')}</h1>
      <div className="toolbar-group transport">
        <button type="button" onClick={() => void stepBack()} disabled={!ready || playing} title={t('toolbar.back.tip')} aria-label={t('toolbar.back')} aria-keyshortcuts="ArrowLeft" data-testid="step-back">
          <span aria-hidden="true">|◀</span>
          <span className="btn-label">{t('toolbar.back')}</span>
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => st().togglePlaying()}
          disabled={!ready || manual}
          aria-pressed={playing}
          aria-keyshortcuts="Space"
          title={t('toolbar.play.tip')}
          aria-label={playing ? t('toolbar.pause') : t('toolbar.play')}
          data-testid="play"
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
          <span className="btn-label">{playing ? t('toolbar.pause') : t('toolbar.play')}</span>
        </button>
        <button type="button" onClick={() => void st().step()} disabled={!ready || playing} title={t('toolbar.step.tip')} aria-label={t('toolbar.step')} aria-keyshortcuts="ArrowRight" data-testid="step">
          <span aria-hidden="true">▶|</span>
          <span className="btn-label">{t('toolbar.step')}</span>
        </button>
        <button type="button" onClick={() => void runToInteresting()} disabled={!ready || playing} title={t('toolbar.next.tip')} aria-label={t('toolbar.next')} aria-keyshortcuts="N" data-testid="next-interesting">
          <span aria-hidden="true">▶▶</span>
          <span className="btn-label">{t('toolbar.next')}</span>
        </button>
        {!embed && <NextStopsMenu hideButton={phone} />}
        {!embed && <RunUntilMenu hideButton={phone} />}
      </div>
      <div className="toolbar-group time" aria-live="off">
        <span className="mono" data-testid="sim-time" title={t('toolbar.time.tip')}>
          {formatTime(now, lang)}
        </span>
        <span className="muted mono events-count">{t('toolbar.events', { n: eventCount })}</span>
      </div>
      {!embed && !stack && <SpeedControl />}
      {!embed && (presentation || stack) && (
        <button type="button" onClick={() => st().focusCommand()} title={t('command.open.tip')} aria-keyshortcuts="S" data-testid="open-command">
          <span aria-hidden="true">⌨</span>
          <span className="btn-label">{t('command.open')}</span>
        </button>
      )}
      <div className="toolbar-group toolbar-end">
        {embed ? <EmbedLink /> : folded ? <MoreMenu {...props} /> : <Tools {...props} />}
      </div>
    </header>
  );
});

function SpeedControl() {
  const t = useT();
  const speed = useStore((s) => s.ui.speed);
  const speedId = useId();
  return (
    <div className="toolbar-group speed">
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
        onChange={(e) => useStore.getState().setSpeed(speedFromSlider(Number(e.target.value) / 1000))}
        aria-valuetext={formatSpeed(speed)}
        title={t('toolbar.speed.tip')}
        data-testid="speed"
      />
      <output className="mono speed-value" htmlFor={speedId}>
        {formatSpeed(speed)}
      </output>
    </div>
  );
}

/** The tools, inline on a wide screen or inside "More". */
function Tools({ onOpenSettings, onOpenShare, inMenu = false }: ToolbarProps & { inMenu?: boolean }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const presentation = useStore((s) => s.ui.presentation);
  const ready = useStore((s) => s.sim.ready);
  const seed = useStore((s) => s.sim.options?.seed);
  const about = useStore((s) => s.ui.scenarioInfo !== null);
  const highContrast = useStore((s) => s.ui.highContrast);
  const broken = useStore((s) => Object.values(s.sim.options?.unsafe ?? {}).filter(Boolean).length);
  const stack = useMedia(STACK_QUERY);
  const phone = useMedia(PHONE_QUERY);
  const langId = useId();
  const st = useStore.getState;
  return (
    <>
      {inMenu && stack && <SpeedControl />}
      {inMenu && phone && (
        <button type="button" onClick={() => st().setStopsOpen(true)} title={t('nextStops.open.tip')} data-testid="more-next-stops">
          ⚑ {t('nextStops.label')}
        </button>
      )}
      {inMenu && phone && (
        <button type="button" onClick={() => st().setRunUntilOpen(true)} title={t('runUntil.open.tip')} aria-keyshortcuts="U" data-testid="more-run-until">
          ⇥ {t('runUntil.label')}
        </button>
      )}
      <PresetMenu />
      {about && (
        <button type="button" onClick={() => st().setAboutOpen(true)} title={t('about.open.tip')} data-testid="open-about">
          ⓘ {t('about.open')}
        </button>
      )}
      <button type="button" onClick={onOpenShare} disabled={!ready} title={t('toolbar.share.tip')} data-testid="open-share">
        {t('toolbar.share')}
      </button>
      <button type="button" onClick={onOpenSettings} disabled={!ready} title={t('toolbar.settings.tip')} data-testid="open-settings">
        {t('toolbar.settings')}
      </button>
      <button type="button" onClick={() => void resetWithNewSeed()} disabled={!ready} title={`${t('toolbar.reset.tip')} — ${t('toolbar.seed')}: ${String(seed ?? '')}`} data-testid="reset">
        {t('toolbar.reset')}
      </button>
      {broken > 0 && (
        <button type="button" className="danger" onClick={onOpenSettings} title={t('toolbar.unsafe.tip')} data-testid="unsafe-badge">
          ⚠ {t('toolbar.unsafe', { n: broken })}
        </button>
      )}
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
      <button type="button" aria-pressed={presentation} onClick={() => st().togglePresentation()} title={t('toolbar.presentation.tip')} aria-keyshortcuts="P" data-testid="presentation">
        {t('toolbar.presentation')}
      </button>
      <button type="button" aria-pressed={highContrast} onClick={() => st().toggleHighContrast()} title={t('toolbar.contrast.tip')} data-testid="high-contrast">
        {t('toolbar.contrast')}
      </button>
      <button type="button" onClick={() => st().setHelpOpen(true)} title={t('toolbar.help.tip')} aria-label={t('toolbar.help')} aria-keyshortcuts="?">
        ?
      </button>
    </>
  );
}

/** The tools behind one button: opens below it, Escape or a click outside closes it and hands the keys back. */
function MoreMenu(props: ToolbarProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const broken = useStore((s) => Object.values(s.sim.options?.unsafe ?? {}).filter(Boolean).length);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) setOpen(false);
    };
    // Escape closes it wherever the focus is (unless a dialog opened from it is handling Escape).
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      setOpen(false);
      if (ref.current?.contains(document.activeElement)) buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  // Stops and Run until… (a phone's items here) open their own panels: this menu gives way to them.
  const panelOpen = useStore((s) => s.ui.runUntilOpen || s.ui.stopsOpen);
  useEffect(() => {
    if (panelOpen) setOpen(false);
  }, [panelOpen]);

  // A tool that opens a dialog closes the menu; the dialog returns focus to the page.
  const wrap = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };

  return (
    <div className="more" ref={ref}>
      {broken > 0 && (
        <button type="button" className="danger" onClick={props.onOpenSettings} title={t('toolbar.unsafe.tip')} data-testid="unsafe-badge">
          ⚠ {broken}
        </button>
      )}
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        title={t('toolbar.more.tip')}
        data-testid="more"
      >
        ☰ <span className="btn-label">{t('toolbar.more')}</span>
      </button>
      {open && (
        <div
          id={menuId}
          className="more-panel panel"
          role="group"
          aria-label={t('toolbar.more')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          <Tools onOpenSettings={wrap(props.onOpenSettings)} onOpenShare={wrap(props.onOpenShare)} inMenu />
        </div>
      )}
    </div>
  );
}

/** In an embedded frame: the way out to the whole visualizer, with the same run. */
function EmbedLink() {
  const t = useT();
  const href = (() => {
    const url = new URL(window.location.href);
    url.searchParams.delete('embed');
    return url.toString();
  })();
  return (
    <a className="embed-open" href={href} target="_blank" rel="noopener" data-testid="embed-open">
      {t('embed.open')} ↗
    </a>
  );
}

/** Run to the next teaching moment and say why it stopped. */
export async function runToInteresting(): Promise<void> {
  const s = useStore.getState();
  const reason = await s.nextInteresting();
  if (reason === 'limit') s.toast('info', translate(s.ui.lang, 'toolbar.next.none'));
}

export async function resetWithNewSeed(): Promise<void> {
  const s = useStore.getState();
  await s.reset({ ...s.settings, seed: newSeed() });
}
