/**
 * The lesson format as untrusted input: hostile lessons (wrong types, markup,
 * huge lists, unknown fields, wrong or future format) are refused with
 * messages in English and Chinese naming the field; damaged links and files
 * are explained, never thrown; the migration hook upgrades old formats.
 * And tasks: a task completes on the matching action and not on another.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim';
import { LINK_LIMITS } from '../scenario';
import {
  actionMatches,
  decodeLessonLink,
  encodeLessonLink,
  exportLessonFile,
  importLessonFile,
  LESSON_FORMAT,
  LESSON_LIMITS,
  LESSONS,
  migrateLesson,
  recordLessonAction,
  runLessonDemo,
  taskDone,
  validateLesson,
  type Lesson,
  type Task,
} from './index';

const lesson: Lesson = LESSONS[0]!;

/** Parsed JSON, as hostile input is: any shape at all. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break lessons field by field
type Json = any;

/** A deep copy of the first built-in lesson with `change` applied. */
function variant(change: (l: Json) => void): unknown {
  const copy = JSON.parse(JSON.stringify(lesson)) as Json;
  change(copy);
  return copy;
}

function refusal(input: unknown): { path: string; en: string; zh: string } {
  const r = validateLesson(input);
  expect(r.ok).toBe(false);
  return (r as { ok: false; error: { path: string; en: string; zh: string } }).error;
}

describe('a step may offer the counterexample search for its broken rule', () => {
  it('names a switch the search checks; anything else is refused, saying which are allowed; a lesson without it validates as before', () => {
    const offered = validateLesson(variant((l) => (l.steps[2].counterexample = { unsafe: 'skipUpToDateCheck' })));
    expect(offered.ok && offered.value.steps[2]!.counterexample).toEqual({ unsafe: 'skipUpToDateCheck' });
    expect(validateLesson(lesson)).toEqual({ ok: true, value: lesson });
    // readWithoutQuorum breaks linearizability, which the search does not check.
    const e = refusal(variant((l) => (l.steps[2].counterexample = { unsafe: 'readWithoutQuorum' })));
    expect(e.path).toBe('steps[2].counterexample.unsafe');
    expect(e.en).toMatch(/^steps\[2\]\.counterexample\.unsafe must name a "break a rule" switch the counterexample search checks: one of voteTwicePerTerm, skipUpToDateCheck, .* \(got "readWithoutQuorum"\)$/);
    expect(e.zh).toMatch(/必须是反例搜索能检查的“破坏规则”开关之一/);
    expect(refusal(variant((l) => (l.steps[2].counterexample = { unsafe: true }))).path).toBe('steps[2].counterexample.unsafe');
    expect(refusal(variant((l) => (l.steps[2].counterexample = 'skipUpToDateCheck'))).path).toBe('steps[2].counterexample');
    expect(refusal(variant((l) => (l.steps[2].counterexample = {}))).en).toBe('steps[2].counterexample.unsafe is missing');
    expect(refusal(variant((l) => (l.steps[2].counterexample = { unsafe: 'skipUpToDateCheck', seed: 1 }))).path).toMatch(/^steps\[2\]\.counterexample/);
  });
});

describe('validateLesson refuses hostile lessons, naming the field in both languages', () => {
  it('wrong types', () => {
    const e = refusal(variant((l) => (l.steps[1].task.limitMs = '2000')));
    expect(e.path).toBe('steps[1].task.limitMs');
    expect(e.en).toBe('steps[1].task.limitMs must be a whole number from 0 to 3600000 (got "2000")');
    expect(e.zh).toBe('steps[1].task.limitMs 必须是 0 到 3600000 之间的整数（实际是 文本 "2000"）');
    expect(refusal(variant((l) => (l.title = 'Why a majority'))).path).toBe('title');
    expect(refusal(variant((l) => delete l.title.zh)).en).toBe('title.zh is missing');
    expect(refusal(variant((l) => (l.steps[0].prediction.answer = 5))).en).toMatch(/^steps\[0\]\.prediction\.answer must be a whole number from 0 to 1 \(got 5\)/);
    expect(refusal(variant((l) => (l.steps[0].prediction.choices[1].condition = { kind: 'isLeader', server: 0 }))).path).toBe('steps[0].prediction.choices[1].condition.server');
    expect(refusal(null).en).toMatch(/^lesson must be an object/);
    expect(refusal('lesson').zh).toMatch(/^lesson 必须是一个对象/);
  });

  it('markup and control characters in any text', () => {
    const e = refusal(variant((l) => (l.steps[2].narration.en = 'Click <a href="javascript:alert(1)">here</a>')));
    expect(e.path).toBe('steps[2].narration.en');
    expect(e.en).toMatch(/must be plain text: it contains markup/);
    expect(e.zh).toMatch(/必须是纯文本/);
    expect(refusal(variant((l) => (l.summary.zh = '<img src=x onerror=alert(1)>'))).path).toBe('summary.zh');
    expect(refusal(variant((l) => (l.steps[0].prediction.choices[0].text.en = 'a &lt; b'))).path).toBe('steps[0].prediction.choices[0].text.en');
    expect(refusal(variant((l) => (l.title.en = 'bell\u0007'))).en).toMatch(/control character/);
    // Plain comparisons are text, not markup.
    expect(validateLesson(variant((l) => (l.title.en = 'x < 5 and 3<4, a > b'))).ok).toBe(true);
  });

  it('huge lists and texts', () => {
    expect(refusal(variant((l) => (l.steps = Array.from({ length: LESSON_LIMITS.steps + 1 }, () => l.steps[0])))).en).toBe('steps must have from 1 to 50 items (it has 51)');
    expect(refusal(variant((l) => (l.steps = []))).path).toBe('steps');
    expect(refusal(variant((l) => (l.steps[0].demo = Array.from({ length: 1_000_000 }, () => l.steps[0].demo[0])))).path).toBe('steps[0].demo');
    expect(refusal(variant((l) => (l.steps[0].narration.en = 'x'.repeat(LESSON_LIMITS.narrationChars + 1)))).en).toMatch(/at most 4000 characters/);
    expect(refusal(variant((l) => (l.steps[0].prediction.choices = Array.from({ length: 7 }, () => l.steps[0].prediction.choices[0])))).path).toBe('steps[0].prediction.choices');
  });

  it('unknown fields, prototype keys and misplaced parts', () => {
    expect(refusal(variant((l) => (l.author = 'me'))).en).toMatch(/^lesson has an unknown field "author"/);
    expect(refusal(variant((l) => (l.steps[0].task.hint = 'x'))).path).toBe('steps[0].task');
    expect(refusal(JSON.parse(JSON.stringify(lesson).replace('"narration"', '"__proto__":{"x":1},"narration"'))).en).toMatch(/unknown field "__proto__"/);
    expect(refusal(variant((l) => (l.steps[0].run = { continue: true }))).en).toMatch(/first step must be a scenario/);
    expect(refusal(variant((l) => (l.steps[1].run = { continue: true, scenario: l.steps[0].run.scenario }))).en).toMatch(/either scenario or continue/);
    expect(refusal(variant((l) => delete l.steps[0].task.action)).en).toMatch(/needs an action, a condition or both/);
    expect(refusal(variant((l) => (l.steps[0].highlight.control = 'selfDestruct'))).path).toBe('steps[0].highlight.control');
    expect(refusal(variant((l) => (l.id = 'Why Majority!'))).zh).toMatch(/只能包含小写字母/);
  });

  it('the scenario and the demo actions inside, by the scenario format’s own rules', () => {
    const s = refusal(variant((l) => (l.steps[0].run.scenario.options.servers = 12)));
    expect(s.path).toBe('steps[0].run.scenario');
    expect(s.en).toMatch(/^steps\[0\]\.run\.scenario is not a valid scenario: options.servers must be a whole number from 1 to 9/);
    expect(s.zh).toMatch(/^steps\[0\]\.run\.scenario 不是有效的场景：/);
    const d = refusal(variant((l) => (l.steps[0].demo[0].action = { type: 'crash', server: 'leader' })));
    expect(d.en).toMatch(/^steps\[0\]\.demo\[0\]\.action is not a valid action: steps\[0\]\.demo\[0\]\.action\.server must be a server id/);
    expect(refusal(variant((l) => (l.steps[0].demo[0].action = { type: 'selfDestruct' }))).path).toBe('steps[0].demo[0].action');
  });

  it('a missing, wrong or future format', () => {
    expect(refusal(variant((l) => delete l.format)).en).toBe('format is missing (this app writes format 1)');
    expect(refusal(variant((l) => (l.format = '1'))).en).toBe('format must be 1 (got "1")');
    const future = refusal(variant((l) => {
      l.format = 2;
      l.newThing = true;
    }));
    expect(future.en).toMatch(/made by a newer version of this app/);
    expect(future.zh).toMatch(/更新版本的应用/);
  });
});

describe('the migration hook', () => {
  it('upgrades an older format step by step, and leaves the current one alone', () => {
    // A pretend format 0 that called the steps "pages": the hook turns it into format 1.
    const pagesToSteps = (l: Readonly<Record<string, unknown>>) => {
      const { pages, ...rest } = l;
      return { ...rest, steps: pages };
    };
    const old = variant((l) => {
      l.format = 0;
      l.pages = l.steps;
      delete l.steps;
    });
    const upgraded = migrateLesson(old, [pagesToSteps], LESSON_FORMAT, 0);
    expect(validateLesson(upgraded)).toEqual({ ok: true, value: lesson });
    expect((old as Record<string, unknown>).pages).toBeDefined(); // the input is not changed
    expect(migrateLesson(lesson)).toBe(lesson);
  });
});

describe('links and files', () => {
  const link = encodeLessonLink(lesson);
  const data = link.ok ? link.data : '';

  it('damaged, cut, foreign and oversized links are explained in both languages', () => {
    const cut = decodeLessonLink(`#l=${data.slice(0, data.length - 20)}`);
    expect(cut.ok).toBe(false);
    if (!cut.ok) {
      expect(cut.error.en).toMatch(/^the lesson link cannot be read: the link is (damaged|cut short)/);
      expect(cut.error.zh).toMatch(/^无法读取课程链接：/);
    }
    const flipped = `${data.slice(0, 40)}${data[40] === 'A' ? 'B' : 'A'}${data.slice(41)}`;
    expect(decodeLessonLink(flipped).ok).toBe(false);
    expect(decodeLessonLink('#s=v1.AAAA').ok).toBe(false); // a scenario link is not a lesson
    const none = decodeLessonLink('https://example.org/raft/?lesson=why-majority');
    expect(!none.ok && none.error.en).toMatch(/holds no lesson/);
    expect(decodeLessonLink('x'.repeat(LINK_LIMITS.maxTextChars + 1)).ok).toBe(false);
    expect(decodeLessonLink(42).ok).toBe(false);
  });

  it('a link carrying a hostile lesson is refused with the field named', () => {
    const hostile = JSON.parse(JSON.stringify(lesson)) as Lesson;
    hostile.steps[1]!.narration.zh = '<script>alert(1)</script>';
    // encodeLessonLink refuses to write it…
    expect(() => encodeLessonLink(hostile)).toThrow(RangeError);
    // …and a link made by someone else is refused on reading.
    const r = importLessonFile(JSON.stringify(hostile));
    expect(!r.ok && r.error.path).toBe('steps[1].narration.zh');
  });

  it('files: the type marker, a bare lesson, a pasted link, bad JSON', () => {
    expect(exportLessonFile(lesson).startsWith('{\n  "type": "raft-visualizer-lesson",\n  "format": 1,')).toBe(true);
    expect(importLessonFile(JSON.stringify(lesson))).toEqual({ ok: true, value: lesson });
    expect(importLessonFile(`#l=${data}`)).toEqual({ ok: true, value: lesson });
    const wrong = importLessonFile(JSON.stringify({ type: 'raft-visualizer-scenario', ...lesson }));
    expect(!wrong.ok && wrong.error.en).toMatch(/not a lesson file of this app/);
    const bad = importLessonFile('{"format": 1,');
    expect(!bad.ok && bad.error.zh).toMatch(/不是有效的 JSON/);
    expect(importLessonFile('').ok).toBe(false);
  });
});

describe('tasks: done on the matching action, not on another', () => {
  const crashTheLeader: Task = { text: { en: 'Crash the leader', zh: '让领导者崩溃' }, action: { type: 'crash', server: 'leader' }, limitMs: 0 };

  it('"crash the leader" means the leader at the moment of the action', () => {
    const c = createCluster({ servers: 3, seed: 'tasks' });
    c.runUntil((x) => x.leaderId() !== null, 3_000);
    const leader = c.leaderId()!;
    const follower = c.ids().find((id) => id !== leader)!;
    const crashFollower = recordLessonAction(c, { type: 'crash', server: follower });
    c.apply(crashFollower.action);
    expect(actionMatches(crashTheLeader.action!, crashFollower)).toBe(false);
    expect(taskDone(crashTheLeader, [crashFollower], c)).toBe(false);
    const timeoutLeader = recordLessonAction(c, { type: 'timeout', server: leader });
    expect(taskDone(crashTheLeader, [crashFollower, timeoutLeader], c)).toBe(false);
    const crashLeader = recordLessonAction(c, { type: 'crash', server: leader });
    c.apply(crashLeader.action);
    expect(crashLeader.leaderId).toBe(leader);
    expect(taskDone(crashTheLeader, [crashFollower, crashLeader], c)).toBe(true);
    expect(actionMatches({ type: 'crash', server: 'follower' }, crashFollower)).toBe(true);
    expect(actionMatches({ type: 'crash', server: follower }, crashFollower)).toBe(true);
    // A bare action (no leader recorded) matches by id, never as "leader".
    expect(actionMatches({ type: 'crash', server: leader }, { type: 'crash', server: leader })).toBe(true);
    expect(actionMatches(crashTheLeader.action!, { type: 'crash', server: leader })).toBe(false);
  });

  it('other fields match by value; a condition must also hold', () => {
    const c = createCluster({ servers: 3, seed: 'tasks' });
    c.runUntil((x) => x.leaderId() !== null, 3_000);
    const submit = recordLessonAction(c, { type: 'submit', command: 'x=1', server: 3 });
    expect(actionMatches({ type: 'submit', server: 3 }, submit)).toBe(true);
    expect(actionMatches({ type: 'submit', command: 'x=2' }, submit)).toBe(false);
    expect(actionMatches({ type: 'setLink', from: 1, to: 2, up: false }, recordLessonAction(c, { type: 'setLink', from: 1, to: 2, up: true }))).toBe(false);
    const task: Task = { text: { en: 'Commit x=1', zh: '提交 x=1' }, action: { type: 'submit' }, condition: { kind: 'committedOn', index: 1, servers: 'all' }, limitMs: 1_000 };
    const leader = recordLessonAction(c, { type: 'submit', command: 'x=1', server: c.leaderId()! });
    c.apply(leader.action);
    expect(taskDone(task, [leader], c)).toBe(false); // done, but not yet committed
    c.runFor(500);
    expect(taskDone(task, [leader], c)).toBe(true);
    expect(taskDone(task, [], c)).toBe(false); // committed, but the student did not do it
  });
});

describe('the README’s example lesson', () => {
  it('validates and plays: its task is done and its recorded answer holds', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const json = /### The format \(format 1\)[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
    const r = validateLesson(JSON.parse(json));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [outcome] = runLessonDemo(r.value);
    expect(outcome).toMatchObject({ taskHeld: true, predictionHeld: true, choicesHeld: [true, false] });
  });
});
