/**
 * Record a lesson (issue 13): a lecturer turns moments of the current run into
 * steps — each step the run as it is now (a scenario cut at this moment), the
 * text they type, and optionally a task (a condition the student must bring
 * about, worded automatically in both languages) — then shares the lesson as a
 * link or a file, exactly like a scenario. What is built is checked by
 * validateLesson, so the link opens for anyone (and says why if it cannot).
 * The dialog keeps its draft while closed, so the lecturer can move the run on
 * between steps.
 */
import { memo, useId, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { Dialog } from '../controls/Dialog';
import { describeCondition, parseCondition, type Condition } from '../../analysis';
import { encodeLessonLink, exportLessonFile, LESSON_LINK_PARAM } from '../../lessons/codec';
import { validateLesson } from '../../lessons/validate';
import { LESSON_FORMAT, type Lesson, type LessonStep } from '../../lessons/types';
import type { Scenario } from '../../scenario';
import { conditionOf, RUN_UNTIL_TEMPLATES, type RunUntilTemplate } from '../controls/RunUntilForm';
import { saveText } from '../download';

/** Templates a task can use: "custom" JSON and "a violation" are left to hand-written lessons. */
const TASK_TEMPLATES = RUN_UNTIL_TEMPLATES.filter((k) => k !== 'custom');
/** How long the student's run may take to make the task happen. */
const TASK_LIMIT_MS = 30_000;

/** The run cut at the moment shown: the recorded actions up to it, run until its time. */
export function scenarioAtMoment(s: Scenario, n: number, time: number): Scenario {
  const actions = s.actions.filter((a) => a.n <= n && a.at <= time);
  return { version: s.version, options: s.options, actions, runUntil: time };
}

/** A lesson id from a title: lower-case letters, digits and dashes (validateLesson's rule). */
export function lessonIdFrom(title: string): string {
  const id = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return id.length > 0 ? id : 'recorded-lesson';
}

interface DraftStep {
  narration: string;
  scenario: Scenario;
  task: Condition | null;
}

export const RecordLesson = memo(function RecordLesson() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const open = useStore((s) => s.ui.recordOpen);
  const idsText = useStore((s) => s.sim.servers.map((v) => v.id).join(','));
  const serverIds = idsText ? idsText.split(',').map(Number) : [];
  const headingId = useId();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [steps, setSteps] = useState<DraftStep[]>([]);
  const [narration, setNarration] = useState('');
  const [withTask, setWithTask] = useState(false);
  const [template, setTemplate] = useState<RunUntilTemplate>('isLeader');
  const [server, setServer] = useState(1);
  const [number, setNumber] = useState(2);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);

  const close = () => useStore.getState().setRecordOpen(false);
  const taskCondition = (): Condition | null => {
    if (!withTask) return null;
    const parsed = parseCondition(conditionOf(template, { server, number, json: '' }));
    return parsed.ok ? parsed.value : null;
  };

  async function addStep(): Promise<void> {
    setError(null);
    setLink(null);
    if (narration.trim() === '') {
      setError(t('record.needText'));
      return;
    }
    const st = useStore.getState();
    const s = await st.exportScenario();
    if (!s) return;
    const pos = useStore.getState().sim.timeline.position;
    setSteps((xs) => [...xs, { narration: narration.trim(), scenario: scenarioAtMoment(s, pos.n, pos.time), task: taskCondition() }]);
    setNarration('');
    setWithTask(false);
  }

  /** The lesson as data; the same text in both languages where the lecturer wrote one. */
  function build(): Lesson {
    const text = (x: string) => ({ en: x, zh: x });
    const lessonSteps: LessonStep[] = steps.map((d) => {
      const step: LessonStep = { narration: text(d.narration), run: { scenario: d.scenario } };
      if (d.task) step.task = { text: { en: describeCondition(d.task, 'en'), zh: describeCondition(d.task, 'zh') }, condition: d.task, limitMs: TASK_LIMIT_MS };
      return step;
    });
    const name = title.trim() || t('record.untitled');
    return { format: LESSON_FORMAT, id: lessonIdFrom(name), title: text(name), summary: text(summary.trim() || name), steps: lessonSteps };
  }

  function checkedLesson(): Lesson | null {
    const v = validateLesson(build());
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
      <label className="field">
        <span>{t('record.lessonTitle')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="record-title" />
      </label>
      <label className="field">
        <span>{t('record.summary')}</span>
        <input value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="record-summary" />
      </label>
      <ol className="record-steps" data-testid="record-steps">
        {steps.map((d, i) => (
          <li key={i}>
            <span>{d.narration}</span>
            {d.task && <span className="muted"> · {t('record.task')}: {describeCondition(d.task, lang)}</span>}{' '}
            <button type="button" className="link-button" onClick={() => setSteps((xs) => xs.filter((_, k) => k !== i))} data-testid={`record-remove-${i}`}>
              {t('record.remove')}
            </button>
          </li>
        ))}
      </ol>
      <fieldset className="record-new">
        <legend>{t('record.newStep')}</legend>
        <label className="field">
          <span>{t('record.narration')}</span>
          <textarea rows={3} value={narration} onChange={(e) => setNarration(e.target.value)} data-testid="record-narration" />
        </label>
        <label className="record-task-toggle">
          <input type="checkbox" checked={withTask} onChange={(e) => setWithTask(e.target.checked)} data-testid="record-with-task" /> {t('record.withTask')}
        </label>
        {withTask && (
          <div className="record-task">
            <select value={template} onChange={(e) => setTemplate(e.target.value as RunUntilTemplate)} aria-label={t('runUntil.what')} data-testid="record-task-template">
              {TASK_TEMPLATES.map((k) => (
                <option key={k} value={k}>
                  {t(`runUntil.template.${k}`)}
                </option>
              ))}
            </select>
            <select value={server} onChange={(e) => setServer(Number(e.target.value))} aria-label={t('runUntil.server')} data-testid="record-task-server">
              {serverIds.map((s) => (
                <option key={s} value={s}>
                  S{s}
                </option>
              ))}
            </select>
            <input type="number" min={0} value={number} onChange={(e) => setNumber(e.target.valueAsNumber)} aria-label={t('runUntil.index')} data-testid="record-task-number" />
          </div>
        )}
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
