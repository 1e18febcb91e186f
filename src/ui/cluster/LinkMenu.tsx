/**
 * The popover for one link: cut either direction, both, or restore. An HTML
 * dialog (not modal) positioned over the SVG next to the link; Escape, ✕ or a
 * click elsewhere closes it. Each direction is one `setLink` action.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ServerId } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { clamp, type Point } from './geometry';
import type { Size } from './useElementSize';

interface Props {
  a: ServerId;
  b: ServerId;
  /** Where the link's middle is, in the container's pixels. */
  anchor: Point;
  /** The ring's centre: the menu opens on that side of the link, off the servers. */
  towards: Point;
  bounds: Size;
  /** `restoreFocus`: give focus back to the link (keyboard close). */
  onClose: (restoreFocus: boolean) => void;
}

const GAP = 18;
const MARGIN = 8;

export function LinkMenu({ a, b, anchor, towards, bounds, onClose }: Props) {
  const t = useT();
  const titleId = useId();
  const cut = useStore((s) => s.sim.network.cut);
  const disconnected = useStore((s) => s.sim.network.disconnected);
  const cutAB = cut.some(([f, to]) => f === a && to === b);
  const cutBA = cut.some(([f, to]) => f === b && to === a);
  const offline = [a, b].filter((id) => disconnected.includes(id));
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  // Place it beside the link's middle on the ring's inner side (servers sit on the
  // outside), or below a link through the centre; keep it inside the view.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const dx = towards.x - anchor.x;
    const dy = towards.y - anchor.y;
    const len = Math.hypot(dx, dy);
    const [ux, uy] = len < 24 ? [0, 1] : [dx / len, dy / len];
    const cx = anchor.x + ux * (w / 2 + GAP);
    const cy = anchor.y + uy * (h / 2 + GAP);
    const left = clamp(cx - w / 2, MARGIN, Math.max(MARGIN, bounds.width - w - MARGIN));
    const top = clamp(cy - h / 2, MARGIN, Math.max(MARGIN, bounds.height - h - MARGIN));
    setPos((p) => (p && p.left === left && p.top === top ? p : { left, top }));
  }, [anchor.x, anchor.y, towards.x, towards.y, bounds.width, bounds.height]);

  // Focus the first action once the menu is placed (it is hidden, so unfocusable, until then).
  const placed = pos !== null;
  useEffect(() => {
    if (placed) ref.current?.querySelector<HTMLButtonElement>('button.cv-menu-action:not(:disabled)')?.focus();
  }, [placed, a, b]);

  // A click outside the menu (and not on a link, which toggles it itself) closes it.
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      const target = e.target as Element | null;
      if (!target || ref.current?.contains(target) || target.closest?.('[data-link]')) return;
      onClose(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [onClose]);

  const setLinks = (dirs: Array<[ServerId, ServerId]>, up: boolean) => {
    const { act } = useStore.getState();
    for (const [from, to] of dirs) void act({ type: 'setLink', from, to, up });
    onClose(true);
  };
  const cutDirs: Array<[ServerId, ServerId]> = [];
  if (!cutAB) cutDirs.push([a, b]);
  if (!cutBA) cutDirs.push([b, a]);
  const upDirs: Array<[ServerId, ServerId]> = [];
  if (cutAB) upDirs.push([a, b]);
  if (cutBA) upDirs.push([b, a]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys inside the menu are the menu's (not the page's shortcuts).
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose(true);
    }
    e.stopPropagation();
  };

  const dir = (from: ServerId, to: ServerId, isCut: boolean) => (
    <li className={isCut ? 'cv-menu-cut' : 'cv-menu-up'}>
      <span aria-hidden="true">{isCut ? '✕ ' : '✓ '}</span>
      {t(isCut ? 'cluster.menu.dirCut' : 'cluster.menu.dirUp', { from, to })}
    </li>
  );

  return (
    <div
      ref={ref}
      className="cv-menu"
      role="dialog"
      aria-labelledby={titleId}
      style={pos ? { left: pos.left, top: pos.top } : { left: anchor.x, top: anchor.y, visibility: 'hidden' }}
      onKeyDown={onKeyDown}
      data-testid="link-menu"
    >
      <div className="cv-menu-head">
        <h3 id={titleId}>{t('cluster.menu.title', { a, b })}</h3>
        <button type="button" className="cv-menu-close" aria-label={t('cluster.menu.close')} title={t('cluster.menu.close')} onClick={() => onClose(true)}>
          ✕
        </button>
      </div>
      <ul className="cv-menu-state">
        {dir(a, b, cutAB)}
        {dir(b, a, cutBA)}
      </ul>
      {offline.map((id) => (
        <p key={id} className="cv-menu-note">
          {t('cluster.menu.offlineNote', { id })}
        </p>
      ))}
      <div className="cv-menu-actions">
        <button type="button" className="cv-menu-action danger" disabled={cutAB} onClick={() => setLinks([[a, b]], false)}>
          {t('cluster.menu.cutDir', { from: a, to: b })}
        </button>
        <button type="button" className="cv-menu-action danger" disabled={cutBA} onClick={() => setLinks([[b, a]], false)}>
          {t('cluster.menu.cutDir', { from: b, to: a })}
        </button>
        <button type="button" className="cv-menu-action danger" disabled={cutDirs.length === 0} onClick={() => setLinks(cutDirs, false)}>
          {t('cluster.menu.cutBoth')}
        </button>
        <button type="button" className="cv-menu-action primary" disabled={upDirs.length === 0} onClick={() => setLinks(upDirs, true)}>
          {t('cluster.menu.restore')}
        </button>
      </div>
    </div>
  );
}
