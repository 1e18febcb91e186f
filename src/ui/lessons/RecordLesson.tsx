/**
 * Record a lesson (issue 13): a lecturer turns moments of the current run into
 * steps — each step the run as it is now (a scenario cut at this moment), the
 * text they type in English and Chinese (one left empty takes the other's),
 * optionally a task (a condition the student must bring about, worded
 * automatically in both languages) and a prediction asked before time moves —
 * then shares the lesson as a link or a file, exactly like a scenario. What is
 * built is checked by validateLesson, so the link opens for anyone (and says
 * why if it cannot). The dialog keeps its draft while closed, so the lecturer
 * can move the run on between steps.
 */
import { memo, useId, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { Dialog } from '../controls/Dialog';
import { describeCondition } from '../../analysis';
import { encodeLessonLink, exportLessonFile, LESSON_LINK_PARAM } from '../../lessons/codec';
import { validateLesson } from '../../lessons/validate';
import type { Lesson } from '../../lessons/types';
import { saveText } from '../download';
import { lessonStrings } from './strings';
import { BilingualField, ConditionPicker, useServerIds } from './RecordFields';
import { PredictionEditor } from './PredictionEditor';
import { bothLanguages, conditionFrom, lessonFromDraft, newPrediction, NO_TEXT, predictionFrom, scenarioAtMoment, type DraftPrediction, type DraftStep, type PickedCondition } from './recordDraft';

const UNTITLED = { en: lessonStrings.en['record.untitled'], zh: lessonStrings.zh['record.untitled'] };

export const RecordLesson = memo(function RecordLesson() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const open = useStore((s) => s.ui.recordOpen);
  const firstServer = useServerIds()[0] ?? 1;
  const headingId = useId();
  const [title, setTitle] = useState(NO_TEXT);
  const [summary, setSummary] = useState(NO_TEXT);
  const [steps, setSteps] = useState<DraftStep[]>([]);
  const [narration, setNarration] = useState(NO_TEXT);
  const [task, setTask] = useState<PickedCondition | null>(null);
  const [prediction, setPrediction] = useState<DraftPrediction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);

  const close = () => useStore.getState().setRecordOpen(false);
  const build = (xs: readonly DraftStep[]): Lesson => lessonFromDraft(title, summary, xs, UNTITLED);

  async function addStep(): Promise<void> {
    setError(null);
    setLink(null);
    const text = bothLanguages(narration);
    if (!text) return setError(t('record.needText'));
    const taskCondition = task ? conditionFrom(task) : null;
    if (task && !taskCondition) return setError(t('record.badChoice'));
    const p = prediction ? predictionFrom(prediction) : null;
    if (typeof p === 'string') return setError(t(p));
    const st = useStore.getState();
    const s = await st.exportScenario();
    if (!s) return;
    const pos = useStore.getState().sim.timeline.position;
    const next = [...steps, { narration: text, scenario: scenarioAtMoment(s, pos.n, pos.time), task: taskCondition, prediction: p }];
    // Checked now, so a problem (markup in the text, a text too long) is said where it was typed.
    const v = validateLesson(build(next));
    if (!v.ok) return setError(v.error[lang]);
    setSteps(next);
    setNarration(NO_TEXT);
    setTask(null);
    setPrediction(null);
  }

  function checkedLesson(): Lesson | null {
    const v = validateLesson(build(steps));
    if (!v.ok) {
      setError(v.error[lang]);
      return null;
    }
    setError(null);
    return v.value;
  }

  function makeLink(): void {
    const lesson = checkedLesson();
    if (!lesson) return;
    const r = encodeLessonLink(lesson);
    if (!r.ok) {
      setError(r.error[lang]);
      return;
    }
    const url = new URL(window.location.href);
    url.search = '';
    url.hash = `${LESSON_LINK_PARAM}=${r.data}`;
    setLink(url.toString());
  }

  function download(): void {
    const lesson = checkedLesson();
    if (lesson) saveText(exportLessonFile(lesson), `${lesson.id}.json`, 'application/json');
  }

  return (
    <Dialog open={open} onClose={close} labelledBy={headingId} className="lesson-list-dialog">
      <h2 id={headingId}>{t('record.title')}</h2>
      <p className="hint">{t('record.intro')}</p>
      <p className="hint">{t('record.languages')}</p>
      <BilingualField label={t('record.lessonTitle')} value={title} onChange={setTitle} testId="record-title" />
      <BilingualField label={t('record.summary')} value={summary} onChange={setSummary} testId="record-summary" />
      <ol className="record-steps" data-testid="record-steps">
        {steps.map((d, i) => (
          <li key={i}>
            <span>{d.narration[lang]}</span>
            {d.task && (
              <span className="muted">
                {' '}
                · {t('record.task')}: {describeCondition(d.task, lang)}
              </span>
            )}
            {d.prediction && (
              <span className="muted">
                {' '}
                · {t('record.prediction')}: {d.prediction.question[lang]}
              </span>
            )}{' '}
            <button type="button" className="link-button" onClick={() => setSteps((xs) => xs.filter((_, k) => k !== i))} data-testid={`record-remove-${i}`}>
              {t('record.remove')}
            </button>
          </li>
        ))}
      </ol>
      <fieldset className="record-new">
        <legend>{t('record.newStep')}</legend>
        <BilingualField label={t('record.narration')} value={narration} onChange={setNarration} testId="record-narration" rows={3} />
        <label className="record-task-toggle">
          <input type="checkbox" checked={task !== null} onChange={(e) => setTask(e.target.checked ? { template: 'isLeader', server: firstServer, number: 2, negate: false } : null)} data-testid="record-with-task" /> {t('record.withTask')}
        </label>
        {task && <ConditionPicker value={task} onChange={setTask} testId="record-task" />}
        <label className="record-task-toggle">
          <input type="checkbox" checked={prediction !== null} onChange={(e) => setPrediction(e.target.checked ? newPrediction(firstServer) : null)} data-testid="record-with-prediction" /> {t('record.withPrediction')}
        </label>
        {prediction && <PredictionEditor draft={prediction} onChange={setPrediction} />}
        <button type="button" className="primary" onClick={() => void addStep()} data-testid="record-add">
          {t('record.add')}
        </button>
      </fieldset>
      {error && (
        <p className="form-error" role="alert" data-testid="record-error">
          {error}
        </p>
      )}
      {link && (
        <label className="field">
          <span>{t('record.link')}</span>
          <input readOnly value={link} onFocus={(e) => e.target.select()} data-testid="record-link" />
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={makeLink} disabled={steps.length === 0} data-testid="record-make-link">
          {t('record.makeLink')}
        </button>
        <button type="button" onClick={download} disabled={steps.length === 0} data-testid="record-download">
          {t('record.download')}
        </button>
        <button type="button" onClick={close} data-testid="record-close">
          {t('lessons.close')}
        </button>
      </div>
    </Dialog>
  );
});
