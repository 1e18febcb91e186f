/**
 * The lesson player's panel, in the narration area (large on a projector):
 * the lesson's title and progress, the step's narration, its prediction (asked
 * before time moves), its task (checked after every action), and Back, Next,
 * Watch and "return to the step". Between steps the simulator stays live: the
 * student may play and break things; "Restart this step" restores the step.
 * Keyboard: PageDown/PageUp (a presenter's clicker) go to the next/previous step.
 */
import { memo, useEffect } from 'react';
import type { LessonControl } from '../../lessons/types';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { LessonCounterexample } from './LessonCounterexample';
import { checkTask, closeLesson, goToStep, lockAnswer, observe, pickAnswer, restartStep, runTask, stopWatching, watchLesson, watchStep } from './lessonFlow';
import './Lessons.css';

/** Where each control a step can point at is on the page (the first match is outlined). */
const CONTROL_SELECTORS: Record<LessonControl, string> = {
  play: '[data-testid="play"]',
  step: '[data-testid="step"]',
  stepBack: '[data-testid="step-back"]',
  next: '[data-testid="next-interesting"]',
  timeline: '.timeline-area',
  settings: '[data-testid="open-settings"], [data-testid="more"]',
  presets: '[data-testid="preset-menu"], [data-testid="more"]',
  share: '[data-testid="open-share"], [data-testid="more"]',
  commandBox: '.command-area, [data-testid="open-command"]',
  crash: '[data-testid="server-inspector"], .cluster-area',
  restart: '[data-testid="server-inspector"], .cluster-area',
  timeout: '[data-testid="server-inspector"], .cluster-area',
  disconnect: '[data-testid="server-inspector"], .cluster-area',
  isolate: '[data-testid="tab-network"]',
  partition: '[data-testid="tab-network"]',
  heal: '[data-testid="tab-network"]',
  network: '[data-testid="tab-network"]',
  addServer: '[data-testid="server-inspector"], .cluster-area',
  changeMembership: '[data-testid="server-inspector"], .cluster-area',
  transferLeadership: '[data-testid="server-inspector"], .cluster-area',
  snapshot: '[data-testid="server-inspector"], .cluster-area',
  clients: '[data-testid="tab-clients"]',
  spaceTime: '[data-testid="view-spaceTime"]',
  logs: '.logs-area, [data-testid="tab-logs"]',
  events: '[data-testid="tab-events"]',
};

/** Outline the control the step points at while the step is shown. */
function useControlHighlight(control: LessonControl | undefined): void {
  useEffect(() => {
    if (!control) return;
    const el = document.querySelector<HTMLElement>(CONTROL_SELECTORS[control]);
    el?.setAttribute('data-lesson-highlight', '');
    return () => el?.removeAttribute('data-lesson-highlight');
  }, [control]);
}

export const LessonPanel = memo(function LessonPanel() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const l = useStore((s) => s.ui.lesson);
  const eventCount = useStore((s) => s.sim.eventCount);
  const playing = useStore((s) => s.ui.playing);

  // The task is checked as the run moves (after each frame), not only after actions.
  useEffect(() => {
    if (l && !l.taskDone && !l.busy && !playing && !l.counterexampleShown) void checkTask();
  }, [l, eventCount, playing]);

  useControlHighlight(l?.lesson.steps[l.step]?.highlight?.control);

  if (!l) return null;
  const step = l.lesson.steps[l.step]!;
  const n = l.lesson.steps.length;
  const last = l.step === n - 1;
  // While a counterexample's run is shown, the step's question and task (which are about its own run) wait.
  const p = l.counterexampleShown ? undefined : step.prediction;
  const waitingForAnswer = p !== undefined && !l.locked;
  const rightAnswer = p && l.observed ? l.observed[p.answer] === true : null;

  return (
    <section className="lesson panel" aria-label={t('lesson.region')} data-testid="lesson-panel" aria-busy={l.busy}>
      <header className="lesson-head">
        <h2 className="lesson-title">{l.lesson.title[lang]}</h2>
        <span className="lesson-progress-text mono" data-testid="lesson-progress">
          {t('lesson.progress', { k: l.step + 1, n })}
        </span>
        <button type="button" className="link-button" onClick={closeLesson} data-testid="lesson-close" title={t('lesson.close.tip')}>
          {t('lesson.close')}
        </button>
      </header>
      <progress className="lesson-progress" max={n} value={l.step + 1} aria-label={t('lesson.progress', { k: l.step + 1, n })} />
      <p className="lesson-narration" data-testid="lesson-narration">
        {step.narration[lang]}
      </p>

      {p && (
        <fieldset className="lesson-prediction" data-testid="lesson-prediction">
          <legend>{t('lesson.predict')}</legend>
          <p className="lesson-question">{p.question[lang]}</p>
          {p.choices.map((c, i) => {
            const happened = l.observed ? l.observed[i] === true : null;
            return (
              <label key={i} className={`lesson-choice${happened ? ' happened' : ''}${l.answer === i ? ' picked' : ''}`}>
                <input type="radio" name="lesson-choice" checked={l.answer === i} disabled={l.locked} onChange={() => pickAnswer(i)} data-testid={`lesson-choice-${i}`} />
                <span>{c.text[lang]}</span>
                {happened && <span className="lesson-happened">{t('lesson.happened')}</span>}
              </label>
            );
          })}
          {waitingForAnswer ? (
            <button type="button" className="primary" disabled={l.answer === null} onClick={lockAnswer} data-testid="lesson-lock">
              {t('lesson.lock')}
            </button>
          ) : l.observed ? (
            <div className={`lesson-verdict ${rightAnswer ? 'right' : 'wrong'}`} data-testid="lesson-verdict" role="status">
              <strong>{rightAnswer === null ? '' : l.answer === p.answer ? t('lesson.right') : t('lesson.wrong')}</strong> {p.explanation[lang]}
            </div>
          ) : (
            <button type="button" onClick={() => void observe()} disabled={l.busy || (step.task !== undefined && !l.taskDone)} data-testid="lesson-observe">
              {t('lesson.observe', { s: p.observeMs / 1000 })}
            </button>
          )}
        </fieldset>
      )}

      {step.task && !waitingForAnswer && !l.counterexampleShown && (
        <div className={`lesson-task${l.taskDone ? ' done' : ''}`} data-testid="lesson-task">
          <span aria-hidden="true">{l.taskDone ? '✓' : '☐'}</span> <span>{step.task.text[lang]}</span>
          {l.taskDone ? (
            <span className="visually-hidden">{t('lesson.taskDone')}</span>
          ) : (
            step.task.condition &&
            (!step.task.action || l.recorded.length > 0) && (
              <button type="button" className="link-button" onClick={() => void runTask()} disabled={l.busy} data-testid="lesson-run-task">
                {t('lesson.runTask')}
              </button>
            )
          )}
        </div>
      )}

      {step.counterexample && !l.watching && <LessonCounterexample rule={step.counterexample.unsafe} step={l.step} shown={l.counterexampleShown} />}

      <nav className="lesson-nav" aria-label={t('lesson.nav')}>
        <button type="button" onClick={() => void goToStep(-1)} disabled={l.busy || l.step === 0} aria-keyshortcuts="PageUp" data-testid="lesson-back">
          ◀ {t('lesson.back')}
        </button>
        <button type="button" onClick={() => void restartStep()} disabled={l.busy} title={t('lesson.restart.tip')} data-testid="lesson-restart">
          ↺ {t('lesson.restart')}
        </button>
        {(step.demo?.length || step.prediction || step.task) && (
          <button type="button" onClick={() => void watchStep()} disabled={l.busy || l.counterexampleShown || (l.taskDone && (!p || l.observed !== null))} title={t('lesson.watch.tip')} data-testid="lesson-watch">
            ▶ {t('lesson.watch')}
          </button>
        )}
        {l.watching ? (
          <button type="button" onClick={stopWatching} data-testid="lesson-watch-stop">
            ■ {t('lesson.watchStop')}
          </button>
        ) : (
          !last && (
            <button type="button" onClick={() => void watchLesson()} disabled={l.busy || l.counterexampleShown} title={t('lesson.watchAll.tip')} data-testid="lesson-watch-all">
              ▶▶ {t('lesson.watchAll')}
            </button>
          )
        )}
        {last ? (
          <button type="button" className="primary" onClick={closeLesson} data-testid="lesson-finish">
            {t('lesson.finish')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void goToStep(1)} disabled={l.busy} aria-keyshortcuts="PageDown" data-testid="lesson-next">
            {t('lesson.next')} ▶
          </button>
        )}
      </nav>
    </section>
  );
});
