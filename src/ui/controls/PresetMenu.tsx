/**
 * The preset menu: a menu button listing the built-in scenarios in the current
 * language. Arrow keys (and a first letter) only move between the scenarios;
 * Enter, Space or a click loads one and opens a dialog with its explanation
 * and things to try. Escape, Tab or a click elsewhere closes the menu; focus
 * is then on the Presets button, where every shortcut works.
 */
import { memo, useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { PRESETS, type Preset } from '../../scenario/presets';
import type { LocalizedText } from '../../scenario';
import type { Lang } from '../i18n';
import { Dialog } from './Dialog';
import './PresetMenu.css';

function localized(text: LocalizedText | undefined, lang: Lang): string {
  if (!text) return '';
  return (lang === 'zh' ? text.zh : undefined) ?? text.en;
}

/** Where a key moves the focus in a list of `n` items from `i`, or null if the key does not move it. */
function moveTo(key: string, i: number, n: number): number | null {
  if (key === 'ArrowDown') return (i + 1) % n;
  if (key === 'ArrowUp') return (i - 1 + n) % n;
  if (key === 'Home' || key === 'PageUp') return 0;
  if (key === 'End' || key === 'PageDown') return n - 1;
  return null;
}

export const PresetMenu = memo(function PresetMenu() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const ready = useStore((s) => s.sim.ready);
  // The item to focus while the menu is open (null: closed).
  const [active, setActive] = useState<number | null>(null);
  const [shown, setShown] = useState<Preset | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);
  const buttonId = useId();
  const menuId = useId();
  const headingId = useId();
  const open = active !== null;

  useEffect(() => {
    if (active !== null) itemRefs.current[active]?.focus();
  }, [active]);

  const close = (refocus: boolean) => {
    setActive(null);
    if (refocus) buttonRef.current?.focus();
  };

  async function choose(preset: Preset): Promise<void> {
    // Focus the button first: the dialog hands focus back to it when it closes.
    close(true);
    const ok = await useStore.getState().loadScenario(preset.scenario);
    if (ok) setShown(preset);
  }

  function onButtonKey(e: KeyboardEvent<HTMLButtonElement>): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    setActive(e.key === 'ArrowDown' ? 0 : PRESETS.length - 1);
  }

  function onMenuKey(e: KeyboardEvent<HTMLUListElement>): void {
    // Keys inside the open menu are the menu's, not the page's shortcuts.
    e.stopPropagation();
    if (e.key === 'Tab') return close(false);
    if (active === null || e.ctrlKey || e.metaKey || e.altKey) return;
    const to = moveTo(e.key, active, PRESETS.length) ?? (e.key.length === 1 && e.key !== ' ' ? typeAhead(e.key, active) : null);
    const handled = to !== null || e.key === 'Enter' || e.key === ' ' || e.key === 'Escape';
    if (!handled) return;
    e.preventDefault();
    if (to !== null) setActive(to);
    else if (e.key === 'Escape') close(true);
    else void choose(PRESETS[active]!);
  }

  /** The next scenario after `from` whose title starts with `letter`, or null. */
  function typeAhead(letter: string, from: number): number | null {
    const l = letter.toLocaleLowerCase();
    for (let k = 1; k <= PRESETS.length; k++) {
      const j = (from + k) % PRESETS.length;
      if (localized(PRESETS[j]!.texts.title, lang).toLocaleLowerCase().startsWith(l)) return j;
    }
    return null;
  }

  // Focus leaving the button and the menu (Tab, a click elsewhere) closes the menu.
  function onBlur(e: FocusEvent<HTMLDivElement>): void {
    if (open && !(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) close(false);
  }

  return (
    <div className="preset-menu" onBlur={onBlur}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={!ready}
        title={t('presets.tip')}
        onClick={() => (open ? close(true) : setActive(0))}
        onKeyDown={onButtonKey}
        data-testid="preset-menu"
      >
        {t('presets.label')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id={menuId} className="preset-menu-list panel" role="menu" aria-labelledby={buttonId} onKeyDown={onMenuKey} data-testid="preset-list">
          {PRESETS.map((p, k) => (
            <li
              key={p.id}
              ref={(el) => void (itemRefs.current[k] = el)}
              role="menuitem"
              tabIndex={-1}
              onClick={() => void choose(p)}
              onMouseMove={() => k !== active && setActive(k)}
              data-testid="preset-item"
              data-preset={p.id}
            >
              {localized(p.texts.title, lang)}
            </li>
          ))}
        </ul>
      )}
      <Dialog open={shown !== null} onClose={() => setShown(null)} labelledBy={headingId} className="preset-dialog" returnTo={buttonRef}>
        {shown && (
          <div data-testid="preset-info" data-preset={shown.id}>
            <p className="hint">{t('presets.about')}</p>
            <h2 id={headingId} data-testid="preset-title">
              {localized(shown.texts.title, lang)}
            </h2>
            <p data-testid="preset-description">{localized(shown.texts.description, lang)}</p>
            {shown.texts.suggestions && shown.texts.suggestions.length > 0 && (
              <>
                <h3>{t('presets.suggestions')}</h3>
                <ul data-testid="preset-suggestions">
                  {shown.texts.suggestions.map((s, k) => (
                    <li key={k}>{localized(s, lang)}</li>
                  ))}
                </ul>
              </>
            )}
            <div className="button-row">
              <button type="button" className="primary" onClick={() => setShown(null)} data-testid="preset-close" autoFocus>
                {t('presets.close')}
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </div>
  );
});
