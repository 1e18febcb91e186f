/**
 * Why a shared link or an imported file was refused, or why its recording did
 * not replay, in the reader's language.
 *
 * The reasons come from the scenario codec and validator (src/scenario), the
 * simulator's option checks (src/sim/rules.ts) and the worker's replay, as
 * plain-English sentences built from a few fixed patterns ("actions[3].server
 * must be a server id from 1 to 5 (got 9)"). Those modules stay
 * language-neutral, so the page reads their patterns here and says the same
 * thing, naming the same field and values, in English or Chinese. A reason no
 * pattern knows still gets a sentence in the reader's language ("the link is
 * malformed") with the original detail after it as plain text.
 *
 * Everything returned is plain text: render it as React text, never as HTML.
 */
import type { RecordedAction } from '../../scenario/types';
import { formatTime, interpolate, translate, type Lang, type Params } from './index';

export type ScenarioSource = 'link' | 'file';

type Strings = Record<string, string>;

const EN: Strings = {
  // ---- the link or file as a whole (codec) ----------------------------------
  'link.percent': 'the link is damaged (it has a broken %-escape)',
  'link.emptyData': 'the link has nothing after "s="',
  'link.notOurs': 'it is not a scenario link from this app, or it was cut short',
  'link.newer': 'it was made by a newer version of this app (link format {format}; this version reads up to {reads}); open it with the latest version',
  'link.unknownFormat': 'its format tag "v{format}." is not one this app writes',
  'link.badChar': 'it contains {char} at position {pos}, which cannot be part of a scenario link; it may have been changed when it was copied',
  'link.cut': 'it is cut short or damaged',
  'link.corrupt': 'it is damaged: its compressed data is corrupt; it may have been cut short when it was copied',
  'link.tooLarge': 'the scenario in it is too large (over {mb} MB when unpacked)',
  'link.checksum': 'it is damaged (its checksum does not match); it may have been cut short or changed when it was copied',
  'link.utf8': 'the scenario in it is not valid UTF-8 text',
  'link.json': 'the scenario in it is not valid JSON',
  'link.tooLong': 'it is too long ({n} characters; a scenario link has at most {max})',
  'link.empty': 'it is empty',
  'link.noScenario': 'it holds no scenario (no "#s=…" part)',
  'file.tooLarge': 'it is too large ({n} characters; a scenario file has at most {max})',
  'file.empty': 'it is empty',
  'file.json': 'it is not valid JSON',
  'file.notOurs': 'it is not a scenario file of this app (its "format" is {format})',
  'notText': 'it is not text',
  // ---- the scenario inside (validator) --------------------------------------
  'sc.newer': 'it was made by a newer version of this app (format {format}; this version reads up to {reads}); open it with the latest version',
  'sc.versionMissing': 'it has no "version" field',
  'sc.badVersion': 'its version {version} is not a scenario format this app knows',
  'sc.notObject': 'the scenario in it is not a JSON object',
  'sc.upgrade': 'it could not be upgraded from format {from}',
  'sc.unknownField': 'the scenario has a field this app does not know: {name}',
  'field.whole': '{field} must be a whole number from {min} to {max} (it is {got})',
  'field.wholeMin': '{field} must be a whole number of at least {min} (it is {got})',
  'field.number': '{field} must be a number from {min} to {max}{unit} (it is {got})',
  'field.server': '{field} must be a server id from 1 to {max} (it is {got})',
  'field.boolean': '{field} must be true or false (it is {got})',
  'field.text': '{field} must be text (it is {got})',
  'field.textLong': '{field} must be at most {max} characters long (it has {got})',
  'field.object': '{field} must be an object (it is {got})',
  'field.array': '{field} must be a list (it is {got})',
  'field.tooMany': '{field} must have at most {max} entries (it has {got})',
  'field.pair': '{field} must be a pair [min, max] (it is {got})',
  'field.pairOrder': '{field} must have its minimum no larger than its maximum (it is [{lo}, {hi}])',
  'field.unknownField': '{field} has a field this app does not know: {name}',
  'field.unknownName': '{name} is not an option this app knows',
  'field.missing': '{field} is missing',
  'field.backwards': '{field} goes back in {what} after the action before it',
  'field.backwards.n': 'event numbers',
  'field.backwards.at': 'time',
  'field.actionType': '{field} is not a kind of action this app knows (it is {got})',
  'field.other': '{field} is not valid ({detail})',
  'malformed.link': 'the link is malformed (details: {detail})',
  'malformed.file': 'the file is malformed (details: {detail})',
  'ms': ' ms',
  // ---- values as the validator names them -----------------------------------
  'got.object': 'an object',
  'got.array': 'a list of {n}',
  'got.empty': 'empty',
  // ---- a recording that does not replay --------------------------------------
  'replay.link': "This link's recording does not match this run: action {k} of {total} ({action}, at event {n}, {time}) could not be replayed. Showing a new run instead.",
  'replay.file': "This file's recording does not match this run: action {k} of {total} ({action}, at event {n}, {time}) could not be replayed. The current run is unchanged.",
  'replay.linkEnd': "This link's recording does not match this run after its last action. Showing a new run instead.",
  'replay.fileEnd': "This file's recording does not match this run after its last action. The current run is unchanged.",
  'replay.linkOther': 'This link could not be replayed here: {error}. Showing a new run instead.',
  'replay.fileOther': 'This file could not be replayed here: {error}. The current run is unchanged.',
  'action.crash': 'crash {server}',
  'action.restart': 'restart {server}',
  'action.timeout': 'election timeout of {server}',
  'action.disconnect': 'disconnect {server}',
  'action.connect': 'reconnect {server}',
  'action.setLink': 'link {from}→{to}',
  'action.partition': 'partition',
  'action.heal': 'heal the network',
  'action.setNetwork': 'network settings',
  'action.submit': 'command to {target}',
  'action.dropMessage': 'drop message {message}',
  'action.duplicateMessage': 'duplicate message {message}',
  'action.processEvent': 'chosen next event',
  'action.addServer': 'add a server',
  'action.removeServer': 'remove {server}',
  'action.changeMembership': 'change the voters',
  'action.transferLeadership': 'hand leadership to {server}',
  'action.snapshot': 'snapshot of {server}',
  'action.clientRequest': 'request of client C{client}',
  'action.other': 'an action',
  'theLeader': 'the leader',
};

const ZH: Strings = {
  'link.percent': '链接已损坏（含有无效的 % 转义）',
  'link.emptyData': '链接中“s=”之后没有内容',
  'link.notOurs': '它不是本应用生成的场景链接，或者被截断了',
  'link.newer': '它由更新版本的本应用生成（链接格式 {format}；此版本最多能读取 {reads}），请用最新版本打开',
  'link.unknownFormat': '它的格式标记“v{format}.”不是本应用生成的',
  'link.badChar': '它在第 {pos} 个位置含有字符 {char}，场景链接中不会出现这个字符；复制时可能被改动了',
  'link.cut': '它被截断或已损坏',
  'link.corrupt': '它已损坏：压缩数据无效；复制时可能被截断了',
  'link.tooLarge': '其中的场景太大（解压后超过 {mb} MB）',
  'link.checksum': '它已损坏（校验和不匹配）；复制时可能被截断或改动了',
  'link.utf8': '其中的场景不是有效的 UTF-8 文本',
  'link.json': '其中的场景不是有效的 JSON',
  'link.tooLong': '它太长了（{n} 个字符；场景链接最多 {max} 个字符）',
  'link.empty': '它是空的',
  'link.noScenario': '其中没有场景（没有“#s=…”部分）',
  'file.tooLarge': '它太大了（{n} 个字符；场景文件最多 {max} 个字符）',
  'file.empty': '它是空的',
  'file.json': '它不是有效的 JSON',
  'file.notOurs': '它不是本应用的场景文件（其“format”为 {format}）',
  'notText': '它不是文本',
  'sc.newer': '它由更新版本的本应用生成（格式 {format}；此版本最多能读取 {reads}），请用最新版本打开',
  'sc.versionMissing': '其中缺少“version”字段',
  'sc.badVersion': '其版本 {version} 不是本应用认识的场景格式',
  'sc.notObject': '其中的场景不是 JSON 对象',
  'sc.upgrade': '无法把它从格式 {from} 升级',
  'sc.unknownField': '其中的场景含有本应用不认识的字段：{name}',
  'field.whole': '{field} 必须是 {min} 到 {max} 之间的整数（实际为 {got}）',
  'field.wholeMin': '{field} 必须是不小于 {min} 的整数（实际为 {got}）',
  'field.number': '{field} 必须是 {min} 到 {max}{unit} 之间的数（实际为 {got}）',
  'field.server': '{field} 必须是 1 到 {max} 之间的服务器编号（实际为 {got}）',
  'field.boolean': '{field} 必须是 true 或 false（实际为 {got}）',
  'field.text': '{field} 必须是文本（实际为 {got}）',
  'field.textLong': '{field} 最多 {max} 个字符（实际有 {got} 个）',
  'field.object': '{field} 必须是对象（实际为 {got}）',
  'field.array': '{field} 必须是列表（实际为 {got}）',
  'field.tooMany': '{field} 最多 {max} 项（实际有 {got} 项）',
  'field.pair': '{field} 必须是一对 [最小值, 最大值]（实际为 {got}）',
  'field.pairOrder': '{field} 的最小值不能大于最大值（实际为 [{lo}, {hi}]）',
  'field.unknownField': '{field} 含有本应用不认识的字段：{name}',
  'field.unknownName': '{name} 不是本应用认识的选项',
  'field.missing': '缺少 {field}',
  'field.backwards': '{field} 的{what}比前一个操作的还早',
  'field.backwards.n': '事件编号',
  'field.backwards.at': '时间',
  'field.actionType': '{field} 不是本应用认识的操作类型（实际为 {got}）',
  'field.other': '{field} 无效（{detail}）',
  'malformed.link': '链接格式有误（详情：{detail}）',
  'malformed.file': '文件格式有误（详情：{detail}）',
  'ms': ' 毫秒',
  'got.object': '一个对象',
  'got.array': '含 {n} 项的列表',
  'got.empty': '空',
  'replay.link': '此链接记录的运行与这次运行不一致：第 {k} 个操作（共 {total} 个；{action}，事件 {n}，{time}）无法重放。改为显示一个新的运行。',
  'replay.file': '此文件记录的运行与这次运行不一致：第 {k} 个操作（共 {total} 个；{action}，事件 {n}，{time}）无法重放。当前运行保持不变。',
  'replay.linkEnd': '此链接记录的运行在最后一个操作之后与这次运行不一致。改为显示一个新的运行。',
  'replay.fileEnd': '此文件记录的运行在最后一个操作之后与这次运行不一致。当前运行保持不变。',
  'replay.linkOther': '此链接无法在这里重放：{error}。改为显示一个新的运行。',
  'replay.fileOther': '此文件无法在这里重放：{error}。当前运行保持不变。',
  'action.crash': '让 {server} 崩溃',
  'action.restart': '重启 {server}',
  'action.timeout': '{server} 选举超时',
  'action.disconnect': '断开 {server}',
  'action.connect': '重新连接 {server}',
  'action.setLink': '链路 {from}→{to}',
  'action.partition': '网络分区',
  'action.heal': '恢复网络',
  'action.setNetwork': '网络设置',
  'action.submit': '向{target}发送命令',
  'action.dropMessage': '丢弃消息 {message}',
  'action.duplicateMessage': '复制消息 {message}',
  'action.processEvent': '选定的下一个事件',
  'action.addServer': '添加服务器',
  'action.removeServer': '移除 {server}',
  'action.changeMembership': '变更投票成员',
  'action.transferLeadership': '把领导权交给 {server}',
  'action.snapshot': '{server} 做快照',
  'action.clientRequest': '客户端 C{client} 的请求',
  'action.other': '一个操作',
  'theLeader': '领导者',
};

/** The strings of each language, for tests (both must have the same keys and placeholders). */
export const SCENARIO_ERROR_STRINGS: Readonly<Record<Lang, Strings>> = { en: EN, zh: ZH };

function say(lang: Lang, key: string, params?: Params): string {
  const template = SCENARIO_ERROR_STRINGS[lang][key] ?? EN[key] ?? key;
  return interpolate(template, params);
}

/** A value as the validator quoted it ("9", "\"abc\"", "an object", "an array of 3"), in the reader's language. */
function value(lang: Lang, got: string): string {
  if (got === 'an object') return say(lang, 'got.object');
  const list = /^an array of (\d+)$/.exec(got);
  if (list) return say(lang, 'got.array', { n: list[1]! });
  if (got === '""') return say(lang, 'got.empty');
  return got;
}

/** A field path as the validator writes it: options.electionTimeoutMs[0], actions[3].action.server, initial[0].log[2] term. */
const FIELD = String.raw`([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*(?: term)?)`;
const GOT = String.raw`\(got (.*)\)`;

interface Rule {
  re: RegExp;
  say: (lang: Lang, m: RegExpExecArray) => string;
}

const rule = (pattern: string, key: string, params: (lang: Lang, m: RegExpExecArray) => Params = () => ({})): Rule => ({
  re: new RegExp(pattern),
  say: (lang, m) => say(lang, key, params(lang, m)),
});

/** The whole link or file: the codec's reasons. Order matters where patterns overlap. */
const CONTAINER_RULES: Rule[] = [
  rule(String.raw`^the link is damaged \(it has a broken %-escape\)`, 'link.percent'),
  rule(String.raw`^the link has an empty scenario`, 'link.emptyData'),
  rule(String.raw`^the link data does not start with a format tag`, 'link.notOurs'),
  rule(String.raw`^This link was made by a newer version of this app \(link format (\d+); this app reads up to (\d+)\)`, 'link.newer', (_, m) => ({ format: m[1]!, reads: m[2]! })),
  rule(String.raw`^the link has an unknown format tag "v(\d+)\."`, 'link.unknownFormat', (_, m) => ({ format: m[1]! })),
  rule(String.raw`^the link contains (.+) at position (\d+) of its data`, 'link.badChar', (_, m) => ({ char: m[1]!, pos: m[2]! })),
  rule(String.raw`^the link is cut short`, 'link.cut'),
  rule(String.raw`^the link is damaged: its compressed data is corrupt`, 'link.corrupt'),
  rule(String.raw`^the scenario in the link is too large \(over ([\d.]+) MB`, 'link.tooLarge', (_, m) => ({ mb: m[1]! })),
  rule(String.raw`^the link is damaged \(its checksum does not match\)`, 'link.checksum'),
  rule(String.raw`^the scenario in the link is not valid UTF-8`, 'link.utf8'),
  rule(String.raw`^the scenario in the link is not valid JSON`, 'link.json'),
  rule(String.raw`^the link is too long \((\d+) characters; a scenario link has at most (\d+)\)`, 'link.tooLong', (_, m) => ({ n: m[1]!, max: m[2]! })),
  rule(String.raw`^the link is empty$`, 'link.empty'),
  rule(String.raw`^the link has no scenario in it`, 'link.noScenario'),
  rule(String.raw`^the file is too large \((\d+) characters; a scenario file has at most (\d+)\)`, 'file.tooLarge', (_, m) => ({ n: m[1]!, max: m[2]! })),
  rule(String.raw`^the file is empty$`, 'file.empty'),
  rule(String.raw`^the file is not valid JSON`, 'file.json'),
  rule(String.raw`^this is not a Raft visualizer scenario file \(its "format" is (.*), not "`, 'file.notOurs', (lang, m) => ({ format: value(lang, m[1]!) })),
  rule(String.raw`^a scenario (link|file) must be text`, 'notText'),
  // The scenario as a whole (validator).
  rule(String.raw`^This scenario was made by a newer version of this app \(format (\d+); this app reads up to (\d+)\)`, 'sc.newer', (_, m) => ({ format: m[1]!, reads: m[2]! })),
  rule(String.raw`^version is missing`, 'sc.versionMissing'),
  rule(String.raw`^version (\S+) is not a scenario format`, 'sc.badVersion', (_, m) => ({ version: m[1]! })),
  rule(String.raw`^a scenario must be a JSON object`, 'sc.notObject'),
  rule(String.raw`^the scenario has an unknown field (.+?);`, 'sc.unknownField', (_, m) => ({ name: m[1]! })),
  rule(String.raw`^could not upgrade this scenario from format (\S+)`, 'sc.upgrade', (_, m) => ({ from: m[1]! })),
];

/** One field's value: the validator's and the simulator's option checks (rules.ts). */
const FIELD_RULES: Rule[] = [
  rule(String.raw`^${FIELD} must be a whole number from (-?[\d.]+) to (-?[\d.]+) ${GOT}`, 'field.whole', (lang, m) => ({ field: m[1]!, min: m[2]!, max: m[3]!, got: value(lang, m[4]!) })),
  rule(String.raw`^${FIELD} must be a whole number >= (-?[\d.]+) ${GOT}`, 'field.wholeMin', (lang, m) => ({ field: m[1]!, min: m[2]!, got: value(lang, m[3]!) })),
  rule(String.raw`^${FIELD} must be a number from (-?[\d.e+]+) to (-?[\d.e+]+)( ms)? ${GOT}`, 'field.number', (lang, m) => ({
    field: m[1]!,
    min: m[2]!,
    max: m[3]!,
    unit: m[4] ? say(lang, 'ms') : '',
    got: value(lang, m[5]!),
  })),
  rule(String.raw`^${FIELD} must be a server id from 1 to (\d+) ${GOT}`, 'field.server', (lang, m) => ({ field: m[1]!, max: m[2]!, got: value(lang, m[3]!) })),
  rule(String.raw`^${FIELD} must be true or false ${GOT}`, 'field.boolean', (lang, m) => ({ field: m[1]!, got: value(lang, m[2]!) })),
  rule(String.raw`^${FIELD} must be text ${GOT}`, 'field.text', (lang, m) => ({ field: m[1]!, got: value(lang, m[2]!) })),
  rule(String.raw`^${FIELD} must be at most (\d+) characters ${GOT}`, 'field.textLong', (_, m) => ({ field: m[1]!, max: m[2]!, got: m[3]! })),
  rule(String.raw`^${FIELD} must be an object ${GOT}`, 'field.object', (lang, m) => ({ field: m[1]!, got: value(lang, m[2]!) })),
  rule(String.raw`^${FIELD} must be an array ${GOT}`, 'field.array', (lang, m) => ({ field: m[1]!, got: value(lang, m[2]!) })),
  rule(String.raw`^${FIELD} must have at most (\d+) entries ${GOT}`, 'field.tooMany', (_, m) => ({ field: m[1]!, max: m[2]!, got: m[3]! })),
  rule(String.raw`^${FIELD} must be a pair \[min, max\] of milliseconds ${GOT}`, 'field.pair', (lang, m) => ({ field: m[1]!, got: value(lang, m[2]!) })),
  rule(String.raw`^${FIELD} must have min <= max \(got \[(-?[\d.e+]+), (-?[\d.e+]+)\]\)`, 'field.pairOrder', (_, m) => ({ field: m[1]!, lo: m[2]!, hi: m[3]! })),
  rule(String.raw`^${FIELD} has an unknown field (.+?);`, 'field.unknownField', (_, m) => ({ field: m[1]!, name: m[2]! })),
  rule(String.raw`^(?:${FIELD}: )?unknown (?:option|unsafe rule|network setting) ("[^"]*")`, 'field.unknownName', (_, m) => ({ name: m[2]! })),
  rule(String.raw`^${FIELD} is missing`, 'field.missing', (_, m) => ({ field: m[1]! })),
  rule(String.raw`^${FIELD} must not be less than .*: (event numbers|time) never go(?:es)? back`, 'field.backwards', (lang, m) => ({
    field: m[1]!,
    what: say(lang, m[2] === 'time' ? 'field.backwards.at' : 'field.backwards.n'),
  })),
  rule(String.raw`^${FIELD} must be one of .* ${GOT}`, 'field.actionType', (lang, m) => ({ field: m[1]!, got: value(lang, m[2]!) })),
];

function firstMatch(rules: readonly Rule[], lang: Lang, raw: string): string | null {
  for (const r of rules) {
    const m = r.re.exec(raw);
    if (m) return r.say(lang, m);
  }
  return null;
}

/** A field the simulator or validator refused, in `lang`, and the field's path (null when none is named). */
export function explainFieldError(lang: Lang, raw: string): { field: string | null; text: string } {
  const known = firstMatch(FIELD_RULES, lang, raw);
  const field = new RegExp(`^${FIELD} (?:must|has|is|lists|goes) `).exec(raw)?.[1] ?? null;
  if (known !== null) return { field, text: known };
  if (field !== null) return { field, text: say(lang, 'field.other', { field, detail: raw }) };
  return { field: null, text: raw };
}

/**
 * Why a link or file was refused (its DecodeResult error), as a clause for
 * `share.badLink` / `share.fileBad`: translated where the reason is known,
 * else "the link is malformed" with the detail as plain text.
 */
export function explainRefusal(lang: Lang, source: ScenarioSource, raw: string): string {
  const detail = raw.replace(/^could not read the scenario \((.*)\)$/s, '$1');
  const known = firstMatch(CONTAINER_RULES, lang, detail) ?? firstMatch(FIELD_RULES, lang, detail);
  if (known !== null) return known;
  const field = explainFieldError(lang, detail);
  if (field.field !== null) return field.text;
  return say(lang, source === 'link' ? 'malformed.link' : 'malformed.file', { detail });
}

/** A recorded action in words ("crash S2", "让 S2 崩溃"): what the reader did, not the API's name for it. */
export function actionLabel(lang: Lang, action: RecordedAction['action'] | undefined): string {
  if (!action) return say(lang, 'action.other');
  const a = action as Record<string, unknown>;
  const server = (k: string): string => (typeof a[k] === 'number' ? `S${String(a[k])}` : '?');
  const params: Params = {
    server: server('server'),
    from: server('from'),
    to: server('to'),
    message: typeof a.message === 'number' ? `#${a.message}` : '?',
    client: typeof a.client === 'number' ? a.client : '?',
    target: typeof a.server === 'number' ? server('server') : say(lang, 'theLeader'),
  };
  const key = `action.${action.type}`;
  return Object.prototype.hasOwnProperty.call(EN, key) ? say(lang, key, params) : say(lang, 'action.other');
}

/** The store's refusal of a scenario over the replay budget (src/store/index.ts, issue 10). */
const COSTLY = /^the recording is too costly to replay: about (\d+) events over (\d+) simulated s; the page replays at most (\d+)/;

const REPLAY = /^the recording does not match this run: (?:action (\d+) of (\d+) \((\w+) at event (\d+), ([\d.]+) ms\) could not be replayed|after its last action)/;

/**
 * A link or file that decoded but whose recording did not replay (the worker's
 * message, see SimHost.loadScenario): which action, in the reader's words.
 * `actions` (the scenario's) lets it name the action's server. Any other
 * failure is said with the translated wrapper and the detail as text.
 */
export function explainReplayFailure(lang: Lang, source: ScenarioSource, raw: string, actions: readonly RecordedAction[] = []): string {
  const cost = COSTLY.exec(raw);
  if (cost) {
    const count = (v: string) => Number(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
    return translate(lang, 'load.tooCostly', { events: count(cost[1]!), seconds: cost[2]!, budget: count(cost[3]!) });
  }
  const m = REPLAY.exec(raw);
  if (!m) return say(lang, source === 'link' ? 'replay.linkOther' : 'replay.fileOther', { error: explainRefusal(lang, source, raw) });
  if (m[1] === undefined) return say(lang, source === 'link' ? 'replay.linkEnd' : 'replay.fileEnd');
  const k = Number(m[1]);
  const recorded = actions[k - 1];
  const action = recorded && recorded.action.type === m[3] ? recorded.action : ({ type: m[3] } as RecordedAction['action']);
  return say(lang, source === 'link' ? 'replay.link' : 'replay.file', {
    k,
    total: m[2]!,
    action: actionLabel(lang, action),
    n: m[4]!,
    time: formatTime(Number(m[5]), lang),
  });
}
