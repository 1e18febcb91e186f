/**
 * The side panel's tabs (the bottom sheet's on a phone or tablet, where the
 * logs are a tab too): what is selected and what can be done to it, the event
 * history, the network and membership, the clients, statistics. Only the open
 * tab is rendered. Arrow keys move between tabs (WAI-ARIA tabs pattern).
 */
import { memo, useId, useRef, type KeyboardEvent } from 'react';
import { useStore, type SideTab } from '../../store';
import { useT } from '../i18n';
import { ClientsPanel } from '../controls/ClientsPanel';
import { MembershipPanel } from '../controls/MembershipPanel';
import { NetworkPanel } from '../controls/NetworkPanel';
import { EventLog } from '../events/EventLog';
import { MessageInspector } from '../inspector/MessageInspector';
import { ServerInspector } from '../inspector/ServerInspector';
import { StatsPanel } from '../inspector/StatsPanel';
import { LogsView } from '../logs/LogsView';

const DESK_TABS: readonly SideTab[] = ['events', 'selection', 'network', 'clients', 'stats'];
const STACK_TABS: readonly SideTab[] = ['logs', 'selection', 'events', 'network', 'clients', 'stats'];

export const SidePanel = memo(function SidePanel({ stack }: { stack: boolean }) {
  const t = useT();
  const tabs = stack ? STACK_TABS : DESK_TABS;
  const wanted = useStore((s) => s.ui.sideTab);
  const active = tabs.includes(wanted) ? wanted : tabs[0]!;
  const violations = useStore((s) => s.sim.violations.length);
  const base = useId();
  const refs = useRef<Partial<Record<SideTab, HTMLButtonElement | null>>>({});

  function onKey(e: KeyboardEvent<HTMLButtonElement>): void {
    const k = tabs.indexOf(active);
    const to =
      e.key === 'ArrowRight' ? tabs[(k + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(k - 1 + tabs.length) % tabs.length] : e.key === 'Home' ? tabs[0] : e.key === 'End' ? tabs[tabs.length - 1] : undefined;
    if (!to) return;
    e.preventDefault();
    useStore.getState().setSideTab(to);
    refs.current[to]?.focus();
  }

  return (
    <div className="side-panel panel" data-testid="side-panel">
      <div className="side-tabs" role="tablist" aria-label={t('tabs.label')}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(el) => void (refs.current[tab] = el)}
            type="button"
            role="tab"
            id={`${base}-${tab}`}
            aria-selected={tab === active}
            aria-controls={`${base}-panel`}
            tabIndex={tab === active ? 0 : -1}
            onClick={() => useStore.getState().setSideTab(tab)}
            onKeyDown={onKey}
            data-testid={`tab-${tab}`}
          >
            {t(`tabs.${tab}`)}
            {tab === 'events' && violations > 0 && <span className="tab-alert"> ⚠</span>}
          </button>
        ))}
      </div>
      {/* Focusable (WAI-ARIA tabs): a panel that scrolls can be scrolled from the keyboard. */}
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${active}`} className={`side-tabpanel tab-${active}`} tabIndex={0}>
        <TabContent tab={active} />
      </div>
    </div>
  );
});

function SelectionTab() {
  const t = useT();
  const server = useStore((s) => s.ui.selectedServer);
  const message = useStore((s) => s.ui.selectedMessage);
  return (
    <>
      {server === null && message === null && <p className="hint selection-hint">{t('tabs.selection.hint')}</p>}
      <MessageInspector />
      {(server !== null || message === null) && <ServerInspector />}
    </>
  );
}

function TabContent({ tab }: { tab: SideTab }) {
  switch (tab) {
    case 'logs':
      return <LogsView />;
    case 'selection':
      return <SelectionTab />;
    case 'events':
      return <EventLog />;
    case 'network':
      return (
        <div className="controls-area">
          <NetworkPanel />
          <MembershipPanel />
        </div>
      );
    case 'clients':
      return <ClientsPanel />;
    case 'stats':
      return <StatsPanel />;
  }
}
