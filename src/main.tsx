import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore, type SimClientLike } from './store';
import { App } from './ui/App';
// After App (and its theme.css): the one focus ring wins over the components' outlines.
import './ui/focus.css';
import { translate } from './ui/i18n';
import { explainRefusal, explainReplayFailure } from './ui/i18n/scenarioErrors';
import { parseStartParams } from './ui/startParams';
import { builtInLessons, openLessonStep } from './ui/lessons/lessonFlow';
import { decodeLessonLink, LESSON_LINK_PARAM } from './lessons/codec';
import { startSimWorker } from './worker/client';
import { startAnalysisWorker } from './worker/analysisClient';
import { scenarioFromLocationHash } from './scenario';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Missing #root element in index.html');
}

const params = parseStartParams(window.location.search);
const store = useStore.getState();
if (params.lang) store.setLang(params.lang);
if (params.speed !== null) store.setSpeed(params.speed);
if (params.embed) store.setEmbed(true);
// Counterexample searches and experiments (issue 14) each start an analysis worker of their own.
store.setAnalysisWorker(startAnalysisWorker);

/**
 * A typed hook for tests and for curious students in the console: drive
 * simulated time deterministically instead of waiting on wall time.
 */
declare global {
  interface Window {
    __raft?: {
      store: typeof useStore;
      advance(ms: number): Promise<void>;
      step(): Promise<void>;
    };
  }
}
window.__raft = {
  store: useStore,
  advance: (ms) => useStore.getState().advance(ms),
  step: () => useStore.getState().step(),
};

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

startSimWorker()
  .then(async ({ api }) => {
    await useStore.getState().connect(api as unknown as SimClientLike, params.options);
    // A shared link: untrusted input. A broken one is explained, and the default run stays.
    const shared = scenarioFromLocationHash(window.location.hash);
    if (shared && !shared.ok) {
      const st = useStore.getState();
      st.toast('error', translate(st.ui.lang, 'share.badLink', { error: explainRefusal(st.ui.lang, 'link', shared.error) }));
    } else if (shared?.ok) {
      const st = useStore.getState();
      if (shared.scenario.view?.lang) st.setLang(shared.scenario.view.lang);
      const ok = await st.loadScenario(shared.scenario, (message) => {
        const now = useStore.getState();
        now.toast('error', explainReplayFailure(now.ui.lang, 'link', message, shared.scenario.actions));
      });
      if (ok) params.play = false; // a shared moment opens paused, where it was left
    }
    // A shared lesson (#l=…): untrusted input, validated; a broken one is explained and the page keeps its run.
    if (new URLSearchParams(window.location.hash.slice(1)).has(LESSON_LINK_PARAM)) {
      const r = decodeLessonLink(window.location.hash);
      const st = useStore.getState();
      if (r.ok) {
        if (await openLessonStep(r.value, params.step ?? 0)) params.play = false;
      } else st.toast('error', translate(st.ui.lang, 'lessons.badLink', { error: r.error[st.ui.lang] }));
    } else if (params.lesson) {
      const lesson = (await builtInLessons()).find((l) => l.id === params.lesson!.id);
      const st = useStore.getState();
      if (lesson) {
        if (await openLessonStep(lesson, params.lesson.step)) params.play = false;
      } else st.toast('error', translate(st.ui.lang, 'lessons.unknown', { id: params.lesson.id }));
    }
    const s = useStore.getState();
    if (params.rejected.length > 0) s.toast('error', translate(s.ui.lang, 'app.badParams', { names: params.rejected.join(', ') }));
    s.setPlaying(params.play);
  })
  .catch((err: unknown) => {
    const s = useStore.getState();
    s.toast('error', translate(s.ui.lang, 'app.workerFailed', { reason: err instanceof Error ? err.message : String(err) }));
  });
