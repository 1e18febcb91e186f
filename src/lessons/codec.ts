/**
 * Lessons as share links and files, packed exactly as scenarios are
 * (src/scenario/codec.ts: compact JSON, DEFLATE, CRC-32, base64url, the same
 * size limits on both sides) under their own link parameter and file marker:
 *   link: `#l=v1.<payload>`    (`?lesson=ID` is for the built-in lessons)
 *   file: pretty JSON, `{"type": "raft-visualizer-lesson", "format": 1, …}`
 * Reading never throws and answers in English and Chinese; writing cleans the
 * lesson first (so anything written reads back) and throws a RangeError on an
 * invalid lesson (a bug in the caller).
 */
import type { Checked, FieldError } from '../analysis';
import { describeValue } from '../sim';
import { encodeJsonPayload, FILE_LIMITS, LINK_LIMITS, unpackPayload } from '../scenario';
import type { Lesson } from './types';
import { validateLesson } from './validate';

/** The `type` field of an exported lesson file. */
export const LESSON_FILE_TYPE = 'raft-visualizer-lesson';
/** The link parameter that carries a lesson. */
export const LESSON_LINK_PARAM = 'l';

function cleanOrThrow(lesson: Lesson, who: string): Lesson {
  const r = validateLesson(lesson);
  if (!r.ok) throw new RangeError(`${who}: not a valid lesson: ${r.error.en}`);
  return r.value;
}

function failure(path: string, en: string, zh: string): { ok: false; error: FieldError } {
  return { ok: false, error: { path, en, zh } };
}

export type LessonLinkResult = { ok: true; data: string; chars: number } | { ok: false; error: FieldError };

/** The link data (`v1.…`) for a lesson, or why no link can carry it (then share the file). */
export function encodeLessonLink(lesson: Lesson): LessonLinkResult {
  const data = encodeJsonPayload(JSON.stringify(cleanOrThrow(lesson, 'encodeLessonLink')));
  if (data.length <= LINK_LIMITS.maxChars) return { ok: true, data, chars: data.length };
  return failure(
    'link',
    `this lesson is too long for a link (${data.length} characters; a link holds at most ${LINK_LIMITS.maxChars}); share it as a file instead`,
    `这个课程太长，无法放进链接（${data.length} 个字符；链接最多 ${LINK_LIMITS.maxChars} 个）；请改为分享文件`,
  );
}

/** The `l` parameter of an "a=1&l=…" part, or null. */
function param(part: string): string | null {
  for (const kv of part.split('&')) if (kv.startsWith(`${LESSON_LINK_PARAM}=`)) return kv.slice(LESSON_LINK_PARAM.length + 1);
  return null;
}

function extract(text: string): string | null {
  if (/^v\d+\./.test(text)) return text;
  const hash = text.indexOf('#');
  const query = text.indexOf('?');
  return (hash >= 0 ? param(text.slice(hash + 1)) : null) ?? (query >= 0 ? param(text.slice(query + 1, hash > query ? hash : undefined)) : null) ?? param(text);
}

function unreadable(en: string): { ok: false; error: FieldError } {
  return failure('link', `the lesson link cannot be read: ${en}`, `无法读取课程链接：${en}`);
}

/** Read a lesson from link data, `#l=…`, or a whole address. Never throws. */
export function decodeLessonLink(text: unknown): Checked<Lesson> {
  try {
    if (typeof text !== 'string') return unreadable(`it must be text (got ${describeValue(text)})`);
    if (text.length > LINK_LIMITS.maxTextChars) return unreadable(`it is too long (${text.length} characters; at most ${LINK_LIMITS.maxTextChars})`);
    const payload = extract(text.trim());
    if (payload === null || payload === '') return unreadable('it holds no lesson (no "#l=…" part)');
    const r = unpackPayload(payload, 'lesson', LESSON_LINK_PARAM);
    return r.ok ? validateLesson(r.value) : unreadable(r.error);
  } catch (e) {
    return unreadable(e instanceof Error ? e.message : 'unknown error');
  }
}

/** A lesson file: pretty JSON with the file type first. Throws RangeError if the lesson is invalid or too large. */
export function exportLessonFile(lesson: Lesson): string {
  const text = `${JSON.stringify({ type: LESSON_FILE_TYPE, ...cleanOrThrow(lesson, 'exportLessonFile') }, null, 2)}\n`;
  if (text.length > FILE_LIMITS.maxChars) throw new RangeError(`this lesson is too long for a file (${text.length} characters; at most ${FILE_LIMITS.maxChars})`);
  return text;
}

/** Read a lesson file (as exportLessonFile writes it, or a bare lesson object). A lesson link pasted instead is read as a link. Never throws. */
export function importLessonFile(text: unknown): Checked<Lesson> {
  const fail = (en: string, zh: string) => failure('file', `the lesson file cannot be read: ${en}`, `无法读取课程文件：${zh}`);
  try {
    if (typeof text !== 'string') return fail(`it must be text (got ${describeValue(text)})`, '它必须是文本');
    if (text.length > FILE_LIMITS.maxChars) return fail(`it is too large (${text.length} characters; at most ${FILE_LIMITS.maxChars})`, `文件过大（${text.length} 个字符；最多 ${FILE_LIMITS.maxChars} 个）`);
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed === '') return fail('it is empty', '文件为空');
    if (/^(v\d+\.|#l=|l=|https?:\/\/)/.test(trimmed)) return decodeLessonLink(trimmed);
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return fail(`it is not valid JSON (${detail})`, `它不是有效的 JSON（${detail}）`);
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'type')) {
      const { type, ...lesson } = value as Record<string, unknown>;
      if (type !== LESSON_FILE_TYPE) {
        return fail(`it is not a lesson file of this app (its "type" is ${describeValue(type)}, not "${LESSON_FILE_TYPE}")`, `它不是本应用的课程文件（其 "type" 为 ${describeValue(type)}，而不是 "${LESSON_FILE_TYPE}"）`);
      }
      return validateLesson(lesson);
    }
    return validateLesson(value);
  } catch (e) {
    const detail = e instanceof Error ? e.message : 'unknown error';
    return fail(detail, detail);
  }
}
