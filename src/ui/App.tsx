/**
 * The screen: toolbar on top; the cluster ring with the inspector, client and
 * network panels beside it; logs below; the event log and statistics on the
 * right. Components read the store through narrow selectors.
 */
import { useEffect, useState } from 'react';
import { useStore, useT } from '../store';
import { ClusterView } from './cluster/ClusterView';
import { ClientPanel } from './controls/ClientPanel';
import { ClientsPanel } from './controls/ClientsPanel';
import { MembershipPanel } from './controls/MembershipPanel';
import { HelpOverlay } from './controls/HelpOverlay';
import { NetworkPanel } from './controls/NetworkPanel';
import { SettingsDialog } from './controls/SettingsDialog';
import { ShareDialog } from './controls/ShareDialog';
import { onKey } from './controls/shortcuts';
import { Toasts } from './controls/Toasts';
import { Toolbar } from './controls/Toolbar';
import { usePlayback } from './controls/usePlayback';
import { EventLog } from './events/EventLog';
import { MessageInspector } from './inspector/MessageInspector';
import { ServerInspector } from './inspector/ServerInspector';
import { StatsPanel } from './inspector/StatsPanel';
import { LogsView } from './logs/LogsView';
import { Timeline } from './timeline/Timeline';
import { ManualPanel } from './timeline/ManualPanel';
import './theme.css';
import './App.css';

export function App() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const presentation = useStore((s) => s.ui.presentation);
  const ready = useStore((s) => s.sim.ready);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  usePlayback();

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
    document.title = t('app.title');
  }, [lang, t]);
  useEffect(() => {
    document.documentElement.dataset.presentation = String(presentation);
  }, [presentation]);
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <Toolbar onOpenSettings={() => setSettingsOpen(true)} onOpenShare={() => setShareOpen(true)} />
      <main className="workspace" aria-busy={!ready}>
        <section className="cluster-area panel" aria-label={t('app.clusterRegion')}>
          {ready ? <ClusterView /> : <p className="loading">{t('app.loading')}</p>}
        </section>
        <div className="timeline-area">
          <Timeline />
        </div>
        <section className="logs-area">
          <LogsView />
        </section>
        <aside className="side" aria-label={t('side.region')}>
          <ManualPanel />
          <div className="controls-area panel">
            <ClientPanel />
            <NetworkPanel />
            <MembershipPanel />
          </div>
          <ClientsPanel />
          <MessageInspector />
          <ServerInspector />
          <EventLog />
          <StatsPanel />
        </aside>
      </main>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ShareDialog open={shareOpen} onClose={() => setShareOpen(false)} />
      <HelpOverlay />
      <Toasts />
    </div>
  );
}
