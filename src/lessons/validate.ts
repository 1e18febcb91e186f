/**
 * Reading a lesson from an untrusted source (a link, a file, a lecturer's
 * JSON) into a clean, valid Lesson. validateLesson never throws: it returns a
 * fresh copy holding only the documented fields, or the first bad field's
 * path with a message in English and Chinese, e.g.
 *   steps[3].prediction.answer must be a whole number from 0 to 2 (got 3)
 *   steps[3].prediction.answer 必须是 0 到 2 之间的整数（实际是 3）
 * Unknown fields are refused, not dropped; text with markup is refused (it is
 * only ever shown as text anyway); every list and text is bounded. The
 * scenario inside a step and the demo actions are checked by the scenario
 * format's own rules (parseScenario, parseAction), whose English detail is
 * quoted in both languages.
 */
import {
  BROKEN_RULES,
  checkCondition,
  checked,
  expectArray,
  expectBilingual,
  expectBoolean,
  expectObject,
  expectOneOf,
  expectText,
  expectWhole,
  invalid,
  type Checked,
} from '../analysis';
import { MESSAGE_TYPES } from '../engine';
import { ACTION_TYPES, describeValue, isPlainObject, LIMITS } from '../sim';
import { parseAction, parseScenario } from '../scenario';
import { migrateLesson } from './migrate';
import {
  LESSON_CONTROLS,
  LESSON_FORMAT,
  type ActionPattern,
  type CounterexampleOffer,
  type DemoMove,
  type Highlight,
  type Lesson,
  type LessonStep,
  type PatternServer,
  type Prediction,
  type Task,
} from './types';

export const LESSON_LIMITS = Object.freeze({
  idChars: 64,
  steps: 50,
  titleChars: 200,
  summaryChars: 2_000,
  narrationChars: 4_000,
  questionChars: 1_000,
  choiceChars: 500,
  choices: 6,
  demoMoves: 100,
  /** Simulated ms: a task's limit, a prediction's observation, a demo wait. */
  timeMs: LIMITS.timeMs,
  highlightServers: 9,
});

const LESSON_KEYS = ['format', 'id', 'title', 'summary', 'steps'];
const STEP_KEYS = ['narration', 'run', 'highlight', 'task', 'prediction', 'demo', 'counterexample'];
const PATTERN_SERVER_FIELDS = ['server', 'from', 'to'] as const;
const PATTERN_KEYS = ['type', ...PATTERN_SERVER_FIELDS, 'command', 'read', 'client', 'up'];
const ID = /^[a-z0-9][a-z0-9-]*$/;

function time(path: string, x: unknown): number {
  return expectWhole(path, x, 0, LESSON_LIMITS.timeMs);
}

function serverId(path: string, x: unknown): number {
  return expectWhole(path, x, 1, LIMITS.serverId);
}

function patternServer(path: string, x: unknown): PatternServer {
  if (x === 'leader' || x === 'follower') return x;
  if (typeof x === 'number') return serverId(path, x);
  return invalid(path, `must be a server id from 1 to ${LIMITS.serverId}, "leader" or "follower" (got ${describeValue(x)})`, `必须是 1 到 ${LIMITS.serverId} 之间的服务器编号、"leader" 或 "follower"`);
}

function pattern(path: string, x: unknown): ActionPattern {
  const o = expectObject(path, x, PATTERN_KEYS, ['type']);
  const type = expectOneOf(`${path}.type`, o.type, ACTION_TYPES);
  const out: ActionPattern = { type };
  for (const f of PATTERN_SERVER_FIELDS) if (o[f] !== undefined) out[f] = patternServer(`${path}.${f}`, o[f]);
  if (o.command !== undefined) out.command = expectText(`${path}.command`, o.command, LIMITS.commandLength, 0);
  if (o.read !== undefined) out.read = expectText(`${path}.read`, o.read, LIMITS.commandLength, 0);
  if (o.client !== undefined) out.client = expectWhole(`${path}.client`, o.client, 1, LIMITS.clients);
  if (o.up !== undefined) out.up = expectBoolean(`${path}.up`, o.up);
  return out;
}

function highlight(path: string, x: unknown): Highlight {
  const o = expectObject(path, x, ['servers', 'messageType', 'entry', 'control']);
  const out: Highlight = {};
  if (o.servers !== undefined) out.servers = expectArray(`${path}.servers`, o.servers, 1, LESSON_LIMITS.highlightServers).map((s, k) => serverId(`${path}.servers[${k}]`, s));
  if (o.messageType !== undefined) out.messageType = expectOneOf(`${path}.messageType`, o.messageType, MESSAGE_TYPES);
  if (o.entry !== undefined) {
    const e = expectObject(`${path}.entry`, o.entry, ['server', 'index'], ['server', 'index']);
    out.entry = { server: serverId(`${path}.entry.server`, e.server), index: expectWhole(`${path}.entry.index`, e.index, 1, 1_000_000) };
  }
  if (o.control !== undefined) out.control = expectOneOf(`${path}.control`, o.control, LESSON_CONTROLS);
  return out;
}

function task(path: string, x: unknown): Task {
  const o = expectObject(path, x, ['text', 'action', 'condition', 'limitMs'], ['text', 'limitMs']);
  const out: Task = { text: expectBilingual(`${path}.text`, o.text, LESSON_LIMITS.questionChars), limitMs: time(`${path}.limitMs`, o.limitMs) };
  if (o.action !== undefined) out.action = pattern(`${path}.action`, o.action);
  if (o.condition !== undefined) out.condition = checkCondition(`${path}.condition`, o.condition);
  if (!out.action && !out.condition) invalid(path, 'needs an action, a condition or both (how else would it be done?)', '至少需要 action 或 condition 之一（否则任务无法完成）');
  return out;
}

function prediction(path: string, x: unknown): Prediction {
  const o = expectObject(path, x, ['question', 'choices', 'answer', 'explanation', 'observeMs'], ['question', 'choices', 'answer', 'explanation', 'observeMs']);
  const choices = expectArray(`${path}.choices`, o.choices, 2, LESSON_LIMITS.choices).map((c, k) => {
    const at = `${path}.choices[${k}]`;
    const co = expectObject(at, c, ['text', 'condition'], ['text', 'condition']);
    return { text: expectBilingual(`${at}.text`, co.text, LESSON_LIMITS.choiceChars), condition: checkCondition(`${at}.condition`, co.condition) };
  });
  return {
    question: expectBilingual(`${path}.question`, o.question, LESSON_LIMITS.questionChars),
    choices,
    answer: expectWhole(`${path}.answer`, o.answer, 0, choices.length - 1),
    explanation: expectBilingual(`${path}.explanation`, o.explanation, LESSON_LIMITS.narrationChars),
    observeMs: time(`${path}.observeMs`, o.observeMs),
  };
}

function demo(path: string, x: unknown): DemoMove[] {
  return expectArray(path, x, 1, LESSON_LIMITS.demoMoves).map((m, k) => {
    const at = `${path}[${k}]`;
    const o = expectObject(at, m, ['waitMs', 'action'], ['action']);
    const r = parseAction(o.action, LIMITS.serverId, `${at}.action`);
    if (!r.ok) invalid(`${at}.action`, `is not a valid action: ${r.error}`, `不是有效的操作：${r.error}`);
    return o.waitMs === undefined ? { action: r.action } : { waitMs: time(`${at}.waitMs`, o.waitMs), action: r.action };
  });
}

/** The rules the counterexample search checks: a step may offer only those (readWithoutQuorum breaks linearizability, which it does not check). */
const SEARCHABLE_RULES = BROKEN_RULES.map((b) => b.rule);

function counterexample(path: string, x: unknown): CounterexampleOffer {
  const o = expectObject(path, x, ['unsafe'], ['unsafe']);
  const rule = o.unsafe;
  if (typeof rule !== 'string' || !(SEARCHABLE_RULES as readonly string[]).includes(rule)) {
    invalid(
      `${path}.unsafe`,
      `must name a "break a rule" switch the counterexample search checks: one of ${SEARCHABLE_RULES.join(', ')} (got ${describeValue(rule)})`,
      `必须是反例搜索能检查的“破坏规则”开关之一：${SEARCHABLE_RULES.join(', ')}（实际是 ${describeValue(rule)}）`,
    );
  }
  return { unsafe: rule as CounterexampleOffer['unsafe'] };
}

function step(path: string, x: unknown, first: boolean): LessonStep {
  const o = expectObject(path, x, STEP_KEYS, ['narration', 'run']);
  const run = expectObject(`${path}.run`, o.run, ['scenario', 'continue']);
  let out: LessonStep;
  if (run.scenario !== undefined) {
    if (run.continue !== undefined) invalid(`${path}.run`, 'must have either scenario or continue, not both', '只能有 scenario 或 continue 之一，不能同时有');
    const r = parseScenario(run.scenario);
    if (!r.ok) invalid(`${path}.run.scenario`, `is not a valid scenario: ${r.error}`, `不是有效的场景：${r.error}`);
    out = { narration: expectBilingual(`${path}.narration`, o.narration, LESSON_LIMITS.narrationChars), run: { scenario: r.scenario } };
  } else {
    if (run.continue !== true) invalid(`${path}.run`, 'must be {"scenario": …} or {"continue": true}', '必须是 {"scenario": …} 或 {"continue": true}');
    if (first) invalid(`${path}.run`, 'of the first step must be a scenario (there is no previous step to continue from)', '第一步必须给出 scenario（没有可以继续的上一步）');
    out = { narration: expectBilingual(`${path}.narration`, o.narration, LESSON_LIMITS.narrationChars), run: { continue: true } };
  }
  if (o.highlight !== undefined) out.highlight = highlight(`${path}.highlight`, o.highlight);
  if (o.task !== undefined) out.task = task(`${path}.task`, o.task);
  if (o.prediction !== undefined) out.prediction = prediction(`${path}.prediction`, o.prediction);
  if (o.demo !== undefined) out.demo = demo(`${path}.demo`, o.demo);
  if (o.counterexample !== undefined) out.counterexample = counterexample(`${path}.counterexample`, o.counterexample);
  return out;
}

function checkFormat(o: Record<string, unknown>): void {
  const f = o.format;
  if (f === undefined) invalid('format', `is missing (this app writes format ${LESSON_FORMAT})`, `缺失（本应用写入的格式为 ${LESSON_FORMAT}）`);
  if (typeof f === 'number' && Number.isInteger(f) && f > LESSON_FORMAT) {
    invalid('format', `is ${f}: this lesson was made by a newer version of this app (it reads up to format ${LESSON_FORMAT}); open it with the latest version`, `为 ${f}：这个课程由更新版本的应用创建（本版本最多读取格式 ${LESSON_FORMAT}），请用最新版本打开`);
  }
  if (f !== LESSON_FORMAT) invalid('format', `must be ${LESSON_FORMAT} (got ${describeValue(f)})`, `必须是 ${LESSON_FORMAT}（实际是 ${describeValue(f)}）`);
}

function clean(input: unknown): Lesson {
  const raw = migrateLesson(input);
  // The format first: a newer lesson's unknown fields are explained by its format.
  if (isPlainObject(raw)) checkFormat(raw);
  const o = expectObject('lesson', raw, LESSON_KEYS, ['format', 'id', 'title', 'summary', 'steps']);
  const id = expectText('id', o.id, LESSON_LIMITS.idChars);
  if (!ID.test(id)) invalid('id', `must be lower-case letters, digits and dashes (got ${describeValue(id)})`, `只能包含小写字母、数字和连字符（实际是 ${describeValue(id)}）`);
  const title = expectBilingual('title', o.title, LESSON_LIMITS.titleChars);
  const summary = expectBilingual('summary', o.summary, LESSON_LIMITS.summaryChars);
  const steps = expectArray('steps', o.steps, 1, LESSON_LIMITS.steps).map((s, k) => step(`steps[${k}]`, s, k === 0));
  return { format: LESSON_FORMAT, id, title, summary, steps };
}

/** Check an untrusted lesson (parsed JSON); a clean copy, or the first bad field in English and Chinese. Never throws. */
export function validateLesson(input: unknown): Checked<Lesson> {
  try {
    return checked(() => clean(input));
  } catch (e) {
    // Not expected (e.g. an object whose getters throw): still an answer, not an exception.
    const detail = e instanceof Error ? e.message : 'unknown error';
    return { ok: false, error: { path: 'lesson', en: `the lesson could not be read (${detail})`, zh: `无法读取课程（${detail}）` } };
  }
}
