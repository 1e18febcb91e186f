/**
 * The list of lessons (the toolbar's "Lessons", G, and the first-visit
 * "New to Raft? Start here"): the built-in curriculum in the order the course
 * notes teach, each with its summary and number of steps, and "Continue"
 * where the student left off.
 */
import { memo, useEffect, useId, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { Dialog } from '../controls/Dialog';
import type { Lesson } from '../../lessons/types';
import { builtInLessons, openLessonStep, resumePoint } from './lessonFlow';
import './Lessons.css';

export const LessonList = memo(function LessonList() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const open = useStore((s) => s.ui.lessonsOpen);
  const [lessons, setLessons] = useState<readonly Lesson[] | null>(null);
  const headingId = useId();

  useEffect(() => {
    if (open && !lessons) void builtInLessons().then(setLessons);
  }, [open, lessons]);

  const close = () => useStore.getState().setLessonsOpen(false);
  const start = (lesson: Lesson, step: number) => {
    close();
    void openLessonStep(lesson, step);
  };
  const resume = resumePoint();
  const resumable = resume && lessons?.find((l) => l.id === resume.id);

  return (
    <Dialog open={open} onClose={close} labelledBy={headingId} className="lesson-list-dialog">
      <h2 id={headingId}>{t('lessons.title')}</h2>
      <p className="hint">{t('lessons.intro')}</p>
      {!lessons ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          {resumable && resume && (
            <p>
              <button type="button" className="primary" onClick={() => start(resumable, resume.step)} data-testid="lesson-resume">
                {t('lessons.resume', { title: resumable.title[lang], k: Math.min(resume.step, resumable.steps.length - 1) + 1 })}
              </button>
            </p>
          )}
          <ol className="lesson-list" data-testid="lesson-list">
            {lessons.map((l) => (
              <li key={l.id}>
                <button type="button" className="lesson-list-item" onClick={() => start(l, 0)} data-testid={`lesson-open-${l.id}`}>
                  <strong>{l.title[lang]}</strong>
                  <span className="muted"> · {t('lessons.steps', { n: l.steps.length })}</span>
                  <span className="lesson-summary">{l.summary[lang]}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={close} data-testid="lessons-close">
          {t('lessons.close')}
        </button>
      </div>
    </Dialog>
  );
});
