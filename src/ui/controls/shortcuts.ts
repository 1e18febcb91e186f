/**
 * Keyboard shortcuts: one table drives both the key handler and the help
 * overlay, so the two cannot disagree.
 */
import { useStore } from '../../store';
import { isolate, splitMinority } from './partitions';
import { stepSpeed } from './speed';
import { resetWithNewSeed, runToInteresting } from './Toolbar';
import { jumpToMark, stepBack } from '../timeline/Timeline';
import { membershipAct } from './membershipAct';

export interface Shortcut {
  /** Keys as KeyboardEvent.key values. */
  keys: string[];
  /** What to show in the help overlay. */
  label: string;
  /** Translation key of the description. */
  help: string;
  run: () => void;
}

/** The selected server's state (alive or crashed, connected or not, its role), or null when none is selected. */
function selectedServerState(): { id: number; alive: boolean; connected: boolean; role: string } | null {
  const s = useStore.getState();
  const id = s.ui.selectedServer;
  const v = s.sim.servers.find((x) => x.id === id);
  return v ? { id: v.id, alive: v.alive, connected: v.connected, role: v.role } : null;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: [' '], label: 'Space', help: 'keys.play', run: () => useStore.getState().togglePlaying() },
  {
    keys: ['ArrowRight', '.'],
    label: '→',
    help: 'keys.step',
    run: () => {
      const s = useStore.getState();
      s.setPlaying(false);
      void s.step();
    },
  },
  {
    keys: ['ArrowLeft', ','],
    label: '←',
    help: 'keys.back',
    run: () => void stepBack(),
  },
  { keys: ['['], label: '[', help: 'keys.prevMark', run: () => void jumpToMark(-1, 'any') },
  { keys: [']'], label: ']', help: 'keys.nextMark', run: () => void jumpToMark(1, 'any') },
  {
    keys: ['n', 'N'],
    label: 'N',
    help: 'keys.next',
    run: () => {
      useStore.getState().setPlaying(false);
      void runToInteresting();
    },
  },
  {
    keys: ['u', 'U'],
    label: 'U',
    help: 'keys.runUntil',
    run: () => {
      useStore.getState().setPlaying(false);
      useStore.getState().setRunUntilOpen(true);
    },
  },
  { keys: ['+', '='], label: '+', help: 'keys.faster', run: () => useStore.getState().setSpeed(stepSpeed(useStore.getState().ui.speed, 1)) },
  { keys: ['-', '_'], label: '−', help: 'keys.slower', run: () => useStore.getState().setSpeed(stepSpeed(useStore.getState().ui.speed, -1)) },
  {
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    label: '1–9',
    help: 'keys.select',
    run: () => undefined, // handled with the digit in onKey
  },
  {
    keys: ['c', 'C'],
    label: 'C',
    help: 'keys.crash',
    run: () => {
      const v = selectedServerState();
      if (v) void useStore.getState().act({ type: v.alive ? 'crash' : 'restart', server: v.id });
    },
  },
  {
    // Lower-case only: Shift+T transfers leadership.
    keys: ['t'],
    label: 'T',
    help: 'keys.timeout',
    run: () => {
      const v = selectedServerState();
      if (v?.alive && v.role !== 'leader') void useStore.getState().act({ type: 'timeout', server: v.id });
    },
  },
  {
    keys: ['T'],
    label: 'Shift+T',
    help: 'keys.transfer',
    run: () => {
      const v = selectedServerState();
      if (v) void membershipAct({ type: 'transferLeadership', server: v.id });
    },
  },
  {
    keys: ['k', 'K'],
    label: 'K',
    help: 'keys.snapshot',
    run: () => {
      const v = selectedServerState();
      if (v) void membershipAct({ type: 'snapshot', server: v.id });
    },
  },
  { keys: ['a', 'A'], label: 'A', help: 'keys.addServer', run: () => void membershipAct({ type: 'addServer' }) },
  {
    keys: ['d', 'D'],
    label: 'D',
    help: 'keys.disconnect',
    run: () => {
      const v = selectedServerState();
      if (v) void useStore.getState().act({ type: v.connected ? 'disconnect' : 'connect', server: v.id });
    },
  },
  {
    keys: ['i', 'I'],
    label: 'I',
    help: 'keys.isolate',
    run: () => {
      const s = useStore.getState();
      const ids = s.sim.servers.map((x) => x.id);
      const target = s.ui.selectedServer ?? s.sim.leaderId;
      if (target !== null) void s.act({ type: 'partition', groups: isolate(ids, target) });
    },
  },
  {
    keys: ['m', 'M'],
    label: 'M',
    help: 'keys.split',
    run: () => {
      const s = useStore.getState();
      const ids = s.sim.servers.map((x) => x.id);
      if (ids.length >= 3) void s.act({ type: 'partition', groups: splitMinority(ids, s.sim.leaderId) });
    },
  },
  { keys: ['h', 'H'], label: 'H', help: 'keys.heal', run: () => void useStore.getState().act({ type: 'heal' }) },
  {
    keys: ['s', 'S'],
    label: 'S',
    help: 'keys.submit',
    run: () => useStore.getState().focusCommand(),
  },
  { keys: ['R'], label: 'Shift+R', help: 'keys.reset', run: () => void resetWithNewSeed() },
  { keys: ['p', 'P'], label: 'P', help: 'keys.presentation', run: () => useStore.getState().togglePresentation() },
  { keys: ['l', 'L'], label: 'L', help: 'keys.lang', run: () => useStore.getState().setLang(useStore.getState().ui.lang === 'en' ? 'zh' : 'en') },
  { keys: ['?'], label: '?', help: 'keys.help', run: () => useStore.getState().setHelpOpen(!useStore.getState().ui.helpOpen) },
  {
    keys: ['Escape'],
    label: 'Esc',
    help: 'keys.escape',
    run: () => {
      const s = useStore.getState();
      s.selectMessage(null);
      s.selectLink(null);
      s.selectServer(null);
    },
  },
];

/** Input types whose every key is text (or a value picked by typing): the field owns the keyboard. */
const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password', 'date', 'time', 'datetime-local', 'month', 'week']);
/** Keys a focused slider, checkbox or radio button uses itself; every other key is still a shortcut. */
const CONTROL_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown', ' ']);

/** A field where keys are typed (or pick an option): text inputs, text areas, selects, editable content. */
export function isTextField(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/** Does the focused element use this key itself (typing, moving a slider, toggling a checkbox, pressing a button)? */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (isTextField(target)) return true;
  if (target instanceof HTMLInputElement) return CONTROL_KEYS.has(key);
  // Space and Enter on a focused button or link activate it; don't also toggle playback.
  return (key === ' ' || key === 'Enter') && target instanceof Element && target.closest('button, a[href], summary, [role="button"]') !== null;
}

/**
 * The document-level key handler. No traps: Escape in a text field hands the
 * keyboard back to the shortcuts (the field loses focus); a key a component
 * already handled (its keydown was cancelled: tabs, log cells, menus) does
 * nothing more; keys held with Ctrl, Alt or Meta are the browser's.
 */
export function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
  // A modal dialog (help, settings) owns the keyboard: Escape must reach it uncancelled (a
  // cancelled keydown stops the dialog from closing), "?" hides the help, nothing reaches the page.
  if (document.querySelector('dialog[open]') || useStore.getState().ui.helpOpen) {
    if (e.key === '?' && useStore.getState().ui.helpOpen && !isTextField(e.target)) {
      e.preventDefault();
      useStore.getState().setHelpOpen(false);
    }
    return;
  }
  if (e.key === 'Escape' && isTextField(e.target)) {
    // Leave the field and nothing else: the next Escape clears the selection.
    e.preventDefault();
    e.target.blur();
    return;
  }
  if (ownsKey(e.target, e.key)) return;
  if (/^[1-9]$/.test(e.key)) {
    const id = Number(e.key);
    const s = useStore.getState();
    if (s.sim.servers.some((v) => v.id === id)) {
      s.selectServer(id);
      e.preventDefault();
    }
    return;
  }
  const shortcut = SHORTCUTS.find((k) => k.keys.includes(e.key));
  if (!shortcut) return;
  e.preventDefault();
  shortcut.run();
}
