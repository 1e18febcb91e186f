/**
 * Lessons (issue 13): guided paths through Raft as data, built on the
 * simulator so every step is a real run. A layer of its own above analysis
 * and scenario, below the worker.
 *
 *   import { LESSONS, runLessonDemo } from './src/lessons';
 *   for (const lesson of LESSONS) console.log(lesson.id, runLessonDemo(lesson));
 *
 * The format and the step model: types.ts. Validation: validate.ts. Links and
 * files: codec.ts. Playing: player.ts. The built-in curriculum: curriculum/.
 */
export {
  LESSON_CONTROLS,
  LESSON_FORMAT,
  type ActionPattern,
  type CounterexampleOffer,
  type DemoMove,
  type Highlight,
  type Lesson,
  type LessonControl,
  type LessonStep,
  type PatternServer,
  type Prediction,
  type PredictionChoice,
  type StepRun,
  type Task,
} from './types';
export { LESSON_LIMITS, validateLesson } from './validate';
export { LESSON_MIGRATIONS, migrateLesson, OLDEST_LESSON_FORMAT, type LessonMigration } from './migrate';
export { decodeLessonLink, encodeLessonLink, exportLessonFile, importLessonFile, LESSON_FILE_TYPE, LESSON_LINK_PARAM, type LessonLinkResult } from './codec';
export { actionMatches, recordLessonAction, taskDone, type RecordedLessonAction } from './patterns';
export { finishStep, lessonStepScenario, lessonStepStart, observePrediction, playDemo, playStep, runLessonDemo, type StepOutcome } from './player';
export { LESSONS, lessonById } from './curriculum';
