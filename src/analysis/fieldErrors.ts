/**
 * Checking untrusted plain data (conditions and lessons from links and files)
 * with messages in English and Simplified Chinese that name the bad field by
 * its path, e.g.
 *   steps[2].task.condition.server must be a server id from 1 to 99 (got "S2")
 *   steps[2].task.condition.server 必须是 1 到 99 之间的服务器编号（实际是文本 "S2"）
 *
 * The scenario validator (src/scenario/validate.ts) speaks English and the page
 * translates its patterns; lessons are new, so their messages are written in
 * both languages where they are made. Input is read through own properties of
 * plain objects only (parsed JSON), so nothing inherited is ever read.
 */
import { describeValue, hasOwn, isPlainObject } from '../sim';

/** Why a piece of input was refused: the path of the first bad field and a sentence in each language. */
export interface FieldError {
  path: string;
  en: string;
  zh: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

/** Thrown by the checks below; `checked` turns it into { ok: false }. */
export class InvalidField extends Error {
  constructor(readonly field: FieldError) {
    super(field.en);
  }
}

export function invalid(path: string, en: string, zh: string): never {
  throw new InvalidField({ path, en: `${path} ${en}`, zh: `${path} ${zh}` });
}

/** Run a check; its first bad field comes back as { ok: false }. Anything else thrown is a bug and propagates. */
export function checked<T>(run: () => T): Checked<T> {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    if (e instanceof InvalidField) return { ok: false, error: e.field };
    throw e;
  }
}

/** A value as a message shows it, in Chinese (describeValue is the English one). */
export function describeZh(x: unknown): string {
  if (typeof x === 'string') return `文本 ${describeValue(x)}`;
  if (Array.isArray(x)) return `含 ${x.length} 项的列表`;
  if (x === null) return 'null';
  if (typeof x === 'object') return '一个对象';
  if (x === undefined) return '缺失';
  return describeValue(x);
}

/** "(got 9)" / "（实际是 9）": the tail of every message. */
function got(x: unknown): [string, string] {
  return [`(got ${x === undefined ? 'nothing' : describeValue(x)})`, `（实际是 ${describeZh(x)}）`];
}

/**
 * A plain object whose own fields are all in `allowed` (an unknown field is
 * refused, not dropped: a misspelt field must not silently change a lesson),
 * with every field in `required` present.
 */
export function expectObject(path: string, x: unknown, allowed: readonly string[], required: readonly string[] = []): Record<string, unknown> {
  const [gEn, gZh] = got(x);
  if (!isPlainObject(x)) invalid(path, `must be an object ${gEn}`, `必须是一个对象${gZh}`);
  for (const key of Object.keys(x)) {
    if (!allowed.includes(key)) {
      invalid(path, `has an unknown field ${describeValue(key)}; it can have: ${allowed.join(', ')}`, `含有未知字段 ${describeValue(key)}；允许的字段为：${allowed.join(', ')}`);
    }
  }
  for (const key of required) {
    if (!hasOwn(x, key) || x[key] === undefined) invalid(`${path}.${key}`, 'is missing', '缺失');
  }
  return x;
}

export function expectArray(path: string, x: unknown, min: number, max: number): unknown[] {
  const [gEn, gZh] = got(x);
  if (!Array.isArray(x)) invalid(path, `must be a list ${gEn}`, `必须是一个列表${gZh}`);
  if (x.length < min || x.length > max) {
    invalid(path, `must have from ${min} to ${max} items (it has ${x.length})`, `必须有 ${min} 到 ${max} 项（实际有 ${x.length} 项）`);
  }
  return x;
}

export function expectWhole(path: string, x: unknown, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
    const [gEn, gZh] = got(x);
    invalid(path, `must be a whole number from ${min} to ${max} ${gEn}`, `必须是 ${min} 到 ${max} 之间的整数${gZh}`);
  }
  return x;
}

export function expectBoolean(path: string, x: unknown): boolean {
  if (typeof x !== 'boolean') {
    const [gEn, gZh] = got(x);
    invalid(path, `must be true or false ${gEn}`, `必须是 true 或 false${gZh}`);
  }
  return x;
}

export function expectOneOf<T extends string>(path: string, x: unknown, values: readonly T[]): T {
  if (typeof x !== 'string' || !(values as readonly string[]).includes(x)) {
    const [gEn, gZh] = got(x);
    invalid(path, `must be one of ${values.join(', ')} ${gEn}`, `必须是以下之一：${values.join(', ')}${gZh}`);
  }
  return x as T;
}

/**
 * Markup is refused in any text: a lesson's text is always rendered as text,
 * and markup in a lesson is a sign of a page trying to smuggle HTML in (or of
 * a file that is not a lesson at all). "x < 5" and "a<b" are fine.
 */
const MARKUP = /<\s*[a-zA-Z/!?]|&[a-zA-Z#][a-zA-Z0-9]*;/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function expectText(path: string, x: unknown, maxChars: number, minChars = 1): string {
  const [gEn, gZh] = got(x);
  if (typeof x !== 'string') invalid(path, `must be text ${gEn}`, `必须是文本${gZh}`);
  if (x.length > maxChars) invalid(path, `must be at most ${maxChars} characters (it has ${x.length})`, `最多 ${maxChars} 个字符（实际有 ${x.length} 个）`);
  if (x.trim().length < minChars) invalid(path, 'must not be empty', '不能为空');
  if (MARKUP.test(x)) invalid(path, 'must be plain text: it contains markup (such as <b> or &amp;), which is never shown as HTML', '必须是纯文本：其中含有标记（如 <b> 或 &amp;），而课程内容从不以 HTML 显示');
  if (CONTROL.test(x)) invalid(path, 'contains a control character', '含有控制字符');
  return x;
}

/** Text in both languages, both required: { en, zh }. */
export interface Bilingual {
  en: string;
  zh: string;
}

export function expectBilingual(path: string, x: unknown, maxChars: number): Bilingual {
  const o = expectObject(path, x, ['en', 'zh'], ['en', 'zh']);
  return { en: expectText(`${path}.en`, o.en, maxChars), zh: expectText(`${path}.zh`, o.zh, maxChars) };
}
