/**
 * Upgrading lessons written in older formats, one format at a time, so links
 * and files made by an earlier release keep opening (the scenario format's
 * approach, src/scenario/migrate.ts).
 *
 * LESSON_MIGRATIONS[k] turns a format-(k+1) lesson into a format-(k+2) one:
 * format 1 is the first, so the list is empty. To change the format, bump
 * LESSON_FORMAT in types.ts, append the step from the old format here, and
 * add a test that an old lesson still validates and plays the same. A step
 * only moves and renames fields (validateLesson checks the result) and never
 * changes its input. The scenarios inside steps carry their own `version` and
 * are upgraded by the scenario format's own migrations.
 */
import { LESSON_FORMAT } from './types';

export type LessonMigration = (lesson: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** The first lesson format. */
export const OLDEST_LESSON_FORMAT = 1;

export const LESSON_MIGRATIONS: readonly LessonMigration[] = Object.freeze([]);

/**
 * Upgrade a lesson of an older format, step by step, to `current`. Anything
 * else (the current format, a newer one, no format, not an object) is returned
 * unchanged for validateLesson to judge. Never changes its input.
 */
export function migrateLesson(raw: unknown, migrations: readonly LessonMigration[] = LESSON_MIGRATIONS, current: number = LESSON_FORMAT, oldest = OLDEST_LESSON_FORMAT): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.prototype.hasOwnProperty.call(raw, 'format')) return raw;
  let lesson = raw as Record<string, unknown>;
  for (let f = lesson.format; typeof f === 'number' && Number.isInteger(f) && f >= oldest && f < current; f = lesson.format) {
    const step = migrations[f - oldest];
    if (step === undefined) return lesson;
    lesson = { ...step(lesson), format: f + 1 };
  }
  return lesson;
}
