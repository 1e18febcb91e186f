/**
 * The screen, in three rooms (see App.css):
 * - laptop and projector: the cluster with the timeline and every server's log
 *   below it; beside it the narration (the latest event's sentence, large),
 *   the command box and one tabbed panel (selection, events, network, clients,
 *   stats). The page never scrolls; panels scroll inside.
 * - phone and tablet: one column: the cluster, the narration, the timeline,
 *   then the same tabs with the logs first.
 * - embedded (`?embed=1`): cluster, narration, logs and the transport only.
 * The cluster area shows the ring or, switched, the space-time diagram.
 * Components read the store through narrow selectors.
 */
import { useEffect, useState } from 'react';
import { useStore } from '../store';
import { useT } from './i18n';
import { ClusterView } from './cluster/ClusterView';
import { ClusterLegend } from './cluster/ClusterLegend';
import { HelpOverlay } from './controls/HelpOverlay';
import { SettingsDialog } from './controls/SettingsDialog';
import { ShareDialog } from './controls/ShareDialog';
import { onKey } from './controls/shortcuts';
import { LoadProgress } from './controls/LoadProgress';
import { Toasts } from './controls/Toasts';
import { Toolbar } from './controls/Toolbar';
import { usePlayback } from './controls/usePlayback';
import { CommandBox } from './command/CommandBox';
import { AboutDialog } from './layout/AboutDialog';
import { SidePanel } from './layout/SidePanel';
import { STACK_QUERY, useMedia } from './layout/useMedia';
import { LogsView } from './logs/LogsView';
import { Narration } from './narration/Narration';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonList } from './lessons/LessonList';
import { RecordLesson } from './lessons/RecordLesson';
import { Timeline } from './timeline/Timeline';
import { ManualPanel } from './timeline/ManualPanel';
import { ClusterViewSwitch } from './spacetime/ClusterViewSwitch';
import { SpaceTimeView } from './spacetime/SpaceTimeView';
import './theme.css';
import './App.css';
import './layout/Layout.css';

export function App() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const presentation = useStore((s) => s.ui.presentation);
  const embed = useStore((s) => s.ui.embed);
  const commandOpen = useStore((s) => s.ui.commandOpen);
  const clusterView = useStore((s) => s.ui.clusterView);
  const ready = useStore((s) => s.sim.ready);
  const lessonActive = useStore((s) => s.ui.lesson !== null);
  const stack = useMedia(STACK_QUERY);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  usePlayback();

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
    document.title = t('app.title');
  }, [lang, t]);
  const highContrast = useStore((s) => s.ui.highContrast);
  useEffect(() => {
    document.documentElement.dataset.presentation = String(presentation);
  }, [presentation]);
  useEffect(() => {
    document.documentElement.dataset.contrast = highContrast ? 'high' : 'normal';
  }, [highContrast]);
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Where the command box is not always shown (projector, phone, embedded), S opens it over the cluster.
  const inlineCommand = !presentation && !stack && !embed;
  const room = embed ? 'embed' : stack ? 'stack' : 'desk';

  return (
    <div className={`app room-${room}`} data-room={room}>
      <Toolbar onOpenSettings={() => setSettingsOpen(true)} onOpenShare={() => setShareOpen(true)} />
      <main className="workspace" aria-busy={!ready}>
        <section className="cluster-area panel" aria-label={t('app.clusterRegion')}>
          {!ready ? (
            <p className="loading">{t('app.loading')}</p>
          ) : clusterView === 'spaceTime' ? (
            <SpaceTimeView />
          ) : (
            <>
              <ClusterView />
              <ClusterLegend />
              <ClusterViewSwitch floating />
            </>
          )}
          {!inlineCommand && commandOpen && <CommandBox floating />}
        </section>
        <div className="narration-area">{lessonActive ? <LessonPanel /> : <Narration />}</div>
        {!embed && (
          <div className="timeline-area">
            <Timeline />
          </div>
        )}
        {(!stack || embed) && (
          <section className="logs-area">
            <LogsView />
          </section>
        )}
        {!embed && (
          <aside className="side" aria-label={t('side.region')}>
            {inlineCommand && (
              <div className="panel command-area">
                <CommandBox />
              </div>
            )}
            <ManualPanel />
            <SidePanel stack={stack} />
          </aside>
        )}
      </main>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ShareDialog open={shareOpen} onClose={() => setShareOpen(false)} />
      <AboutDialog />
      <LessonList />
      <RecordLesson />
      <HelpOverlay />
      <LoadProgress />
      <Toasts />
    </div>
  );
}
