/**
 * Lessons benchmark: building the built-in curriculum (what importing
 * src/lessons costs, as the built-in lessons are played once at module load
 * to record their demo paths) and playing every lesson on its demo path with
 * runLessonDemo (what Watch mode and the tests do). Prints one JSON line: the
 * import time of the presets and then of the lessons (module loading
 * included), and per lesson its steps and the median of 5 demo runs (ms).
 *
 *   npm run bench:lessons
 */
// The simulator, the scenario format and its presets first, so the second import is the lessons' own cost.
let t0 = process.hrtime.bigint();
await import('../src/scenario/presets');
const presetsImportMs = Number(process.hrtime.bigint() - t0) / 1e6;
t0 = process.hrtime.bigint();
const { LESSONS, runLessonDemo } = await import('../src/lessons');
const importMs = Number(process.hrtime.bigint() - t0) / 1e6;

const lessons: Record<string, { steps: number; demoMs: number }> = {};
let totalMs = 0;
for (const lesson of LESSONS) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    const outcomes = runLessonDemo(lesson);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (outcomes.some((o) => o.taskHeld === false || o.predictionHeld === false)) throw new Error(`${lesson.id}: the demo path failed`);
  }
  times.sort((a, b) => a - b);
  lessons[lesson.id] = { steps: lesson.steps.length, demoMs: Math.round(times[2]! * 10) / 10 };
  totalMs += times[2]!;
}
console.log(JSON.stringify({ bench: 'lessons', presetsImportMs: Math.round(presetsImportMs), lessonsImportMs: Math.round(importMs), demoAllMs: Math.round(totalMs), lessons }));

// A module, for top-level await.
export {};
