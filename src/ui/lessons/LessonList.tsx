/**
 * The list of lessons (the toolbar's "Lessons", G, and the first-visit
 * "New to Raft? Start here"): the built-in curriculum in the order the course
 * notes teach, each with its summary and number of steps, and "Continue"
 * where the student left off.
 */
import { memo, useEffect, useId, useState, type ChangeEvent } from 'react';
import { importLessonFile } from '../../lessons/codec';
import { FILE_LIMITS } from '../../scenario';
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
  const fileId = useId();
  const [fileError, setFileError] = useState<string | null>(null);

  useEffect(() => {
    if (open && !lessons) void builtInLessons().then(setLessons);
  }, [open, lessons]);

  const close = () => useStore.getState().setLessonsOpen(false);
  const start = (lesson: Lesson, step: number) => {
    close();
    void openLessonStep(lesson, step);
  };
  /** A lesson file a lecturer shared: untrusted, validated; its problem is said here, in the reader's language. */
  async function openFile(e: ChangeEvent<HTMLInputElement>): Promise<void> {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    // Bytes: a character takes up to 4 in UTF-8; importLessonFile then checks the characters.
    if (f.size > 4 * FILE_LIMITS.maxChars) {
      setFileError(t('lessons.fileTooBig', { mb: Math.round(FILE_LIMITS.maxChars / (1024 * 1024)) }));
      return;
    }
    const parsed = importLessonFile(await f.text());
    if (!parsed.ok) {
      setFileError(parsed.error[lang]);
      return;
    }
    setFileError(null);
    start(parsed.value, 0);
  }
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
      {fileError && (
        <p className="form-error" role="alert" data-testid="lesson-file-error">
          {fileError}
        </p>
      )}
      <div className="dialog-actions">
        <input id={fileId} className="visually-hidden" type="file" accept="application/json,.json" onChange={(e) => void openFile(e)} data-testid="lesson-file" />
        <label className="file-button" htmlFor={fileId}>
          {t('lessons.openFile')}
        </label>
        <button
          type="button"
          onClick={() => {
            close();
            useStore.getState().setRecordOpen(true);
          }}
          data-testid="lesson-record"
        >
          {t('record.open')}
        </button>
        <button type="button" onClick={close} data-testid="lessons-close">
          {t('lessons.close')}
        </button>
      </div>
    </Dialog>
  );
});
