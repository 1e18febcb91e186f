/**
 * What the message inspector shows of each message type, written once: for
 * every type, its fields in order, each with the name the paper and the code
 * use, the key of its gloss (under `inspector.msg.gloss.`) and how its value is
 * written. One component, MessageFieldsTable, renders any message from it.
 * Figure 2's RPCs, PreVote (dissertation §9.6), InstallSnapshot (§7, Figure 13),
 * TimeoutNow (dissertation §3.10) and the client requests and replies (§8) all
 * go through the same table.
 *
 * Commands, keys and values are user text: rendered as text, never as HTML.
 */
import type { ReactNode } from 'react';
import type { Configuration, MessageType, ServerId, Term } from '../../engine';
import type { InFlightMessage } from '../../sim';
import { formatTime, type Lang, type useT } from '../i18n';
import { isClientEnd, snapshotChunk } from '../cluster/messageModel';
import { shortCommand } from '../logs/logModel';
import { FieldRow, TermChip } from './fieldTable';

type Translate = ReturnType<typeof useT>;

/** What a formatter may need besides the value. */
interface FieldContext {
  t: Translate;
  /** The run's InstallSnapshot chunk size, to say which chunk of how many a message carries. */
  chunkBytes: number;
}

type MessageOf<T extends MessageType> = Extract<InFlightMessage, { type: T }>;

/** How one field's value is written; `m` is the whole message, for values that depend on other fields. */
type Formatter<V, M> = (value: V, ctx: FieldContext, m: M) => ReactNode;

/** One row of the table. A field the message does not carry (undefined) has no row. */
interface MessageField<M> {
  /** The field's name as the paper and the code spell it (shown in code type). */
  name: string;
  /** Key of its gloss under `inspector.msg.gloss.`; null for none. */
  gloss: string | null;
  shown: (m: M) => boolean;
  value: (m: M, ctx: FieldContext) => ReactNode;
}

interface FieldOptions<M> {
  /** The name shown, when it is not the field's own (`entries[]`, `term (+1)`). */
  name?: string;
  /** The gloss key, when it is not the field's name; null: no gloss. */
  gloss?: string | null;
  /** Shown only when this holds (besides the field being present). */
  when?: (m: M) => boolean;
}

/** The row builder for one message type: `field(key, formatter, options)`. */
function fieldsOf<T extends MessageType>() {
  type M = MessageOf<T>;
  return <K extends keyof M & string>(key: K, format: Formatter<Exclude<M[K], undefined>, M>, opts: FieldOptions<M> = {}): MessageField<M> => ({
    name: opts.name ?? key,
    gloss: opts.gloss === undefined ? key : opts.gloss,
    shown: (m) => m[key] !== undefined && (opts.when?.(m) ?? true),
    value: (m, ctx) => format(m[key] as Exclude<M[K], undefined>, ctx, m),
  });
}

// ---- formatters -------------------------------------------------------------

const TEXT_CHARS = 60;

function Bool({ value }: { value: boolean }) {
  return (
    <span className={value ? 'ok-text' : 'bad-text'}>
      <span aria-hidden="true">{value ? '✓ ' : '✗ '}</span>
      <code>{String(value)}</code>
    </span>
  );
}

/** User text, shortened, with the whole of it as the tooltip. */
function UserText({ text }: { text: string }) {
  return (
    <span className="mono command" title={text}>
      {shortCommand(text, TEXT_CHARS)}
    </span>
  );
}

function configText(c: Configuration): string {
  const ids = (xs: readonly ServerId[]) => `{${xs.join(',')}}`;
  const parts = [`voters ${ids(c.voters)}`];
  if (c.oldVoters) parts.push(`old ${ids(c.oldVoters)}`);
  if (c.learners.length > 0) parts.push(`learners ${ids(c.learners)}`);
  return parts.join(' · ');
}

const num = (v: number): ReactNode => <span className="num">{v}</span>;
const term = (v: Term): ReactNode => <TermChip term={v} />;
const bool = (v: boolean): ReactNode => <Bool value={v} />;
const server = (v: ServerId): ReactNode => `S${v}`;
const client = (v: number): ReactNode => `C${v}`;
const userText = (v: string): ReactNode => <UserText text={v} />;
/** Why a vote or an AppendEntries was refused. */
const refusal = (v: string, { t }: FieldContext): ReactNode => t(`inspector.msg.reason.${v}`);
/** A flag that only appears when set. */
const flag = (): ReactNode => <code>true</code>;

/** An InstallSnapshot chunk: which one of how many, the bytes it carries, and a bar of the snapshot sent so far. */
function chunk(_data: string, { t, chunkBytes }: FieldContext, m: MessageOf<'InstallSnapshot'>): ReactNode {
  const c = snapshotChunk(m.offset, m.data.length, m.size, m.done, chunkBytes);
  const percent = Math.round((c.through / Math.max(1, m.size)) * 100);
  return (
    <>
      {t('inspector.msg.chunk', { chunk: c.chunk, chunks: c.chunks, from: m.offset, through: c.through, size: m.size })}
      <span className="timer-bar" role="img" aria-label={`${percent}%`}>
        <span style={{ width: `${percent}%` }} />
      </span>
    </>
  );
}

// ---- the table ---------------------------------------------------------------

const requestVote = fieldsOf<'RequestVote'>();
const requestVoteReply = fieldsOf<'RequestVoteReply'>();
const appendEntries = fieldsOf<'AppendEntries'>();
const appendEntriesReply = fieldsOf<'AppendEntriesReply'>();
const preVote = fieldsOf<'PreVote'>();
const preVoteReply = fieldsOf<'PreVoteReply'>();
const installSnapshot = fieldsOf<'InstallSnapshot'>();
const installSnapshotReply = fieldsOf<'InstallSnapshotReply'>();
const timeoutNow = fieldsOf<'TimeoutNow'>();
const clientRequest = fieldsOf<'ClientRequest'>();
const clientReply = fieldsOf<'ClientReply'>();

/** Every message type's fields, in the order shown, after the term and the timing rows. */
export const MESSAGE_FIELDS: { readonly [T in MessageType]: ReadonlyArray<MessageField<MessageOf<T>>> } = {
  RequestVote: [
    requestVote('candidateId', server),
    requestVote('lastLogIndex', num),
    requestVote('lastLogTerm', term),
    requestVote('transfer', flag, { when: (m) => m.transfer === true }),
  ],
  RequestVoteReply: [requestVoteReply('voteGranted', bool), requestVoteReply('reason', refusal, { gloss: null })],
  AppendEntries: [
    appendEntries('leaderId', server),
    appendEntries('prevLogIndex', num),
    appendEntries('prevLogTerm', term),
    appendEntries('leaderCommit', num),
    appendEntries(
      'entries',
      (v, { t }) => (v.length === 0 ? <span className="muted">{t('inspector.msg.entries.none')}</span> : t('inspector.msg.entries.count', { count: v.length })),
      { name: 'entries[]' },
    ),
  ],
  AppendEntriesReply: [
    appendEntriesReply('success', bool),
    appendEntriesReply('reason', refusal, { gloss: null }),
    appendEntriesReply('matchIndex', num),
    appendEntriesReply('rejectedIndex', num),
    // 0: the follower has no entry at prevLogIndex (not a term).
    appendEntriesReply('conflictTerm', (v) => (v === 0 ? num(0) : term(v))),
    appendEntriesReply('conflictIndex', num),
  ],
  PreVote: [
    preVote('candidateId', server),
    // The term the candidate would campaign in, which the receiver does not adopt.
    preVote('term', term, { name: 'term (+1)', gloss: 'preTerm' }),
    preVote('lastLogIndex', num),
    preVote('lastLogTerm', term),
  ],
  PreVoteReply: [preVoteReply('voteGranted', bool, { gloss: 'preVoteGranted' }), preVoteReply('reason', refusal, { gloss: null })],
  InstallSnapshot: [
    installSnapshot('leaderId', server),
    installSnapshot('lastIncludedIndex', num),
    installSnapshot('lastIncludedTerm', term),
    installSnapshot('offset', num),
    installSnapshot('data', chunk, { name: 'data[]' }),
    installSnapshot('done', bool),
    installSnapshot('size', (v, { t }) => t('inspector.msg.bytes', { bytes: v })),
    installSnapshot('config', (v) => <span className="mono">{configText(v)}</span>, { gloss: 'snapshotConfig' }),
  ],
  InstallSnapshotReply: [
    installSnapshotReply('lastIncludedIndex', num),
    installSnapshotReply('offset', num, { gloss: 'replyOffset' }),
    installSnapshotReply('done', bool, { gloss: 'replyDone' }),
  ],
  TimeoutNow: [timeoutNow('leaderId', server, { gloss: 'timeoutNow' })],
  ClientRequest: [clientRequest('client', client), clientRequest('seq', num), clientRequest('command', userText), clientRequest('read', userText)],
  ClientReply: [
    clientReply('client', client),
    clientReply('seq', num),
    clientReply('ok', bool),
    clientReply('reason', (v, { t }) => t(`inspector.msg.clientReason.${v}`), { gloss: null }),
    clientReply('leaderHint', (v, { t }) => (v === null ? <span className="muted">{t('inspector.msg.unknownHint')}</span> : server(v))),
    clientReply('index', num),
    clientReply('alreadyApplied', bool),
    clientReply('value', (v, { t }) => (v === null ? <span className="muted">{t('inspector.msg.unset')}</span> : userText(v))),
    clientReply('readIndex', num),
    clientReply('readVia', (v, { t }, m) => (
      <>
        {t(`inspector.msg.readVia.${v}`)}
        {m.readRound !== undefined ? ` (round ${m.readRound})` : ''}
      </>
    )),
  ],
};

interface MessageFieldsTableProps {
  m: InFlightMessage;
  now: number;
  lang: Lang;
  t: Translate;
  chunkBytes: number;
}

/**
 * The message's term, when it was sent and when it arrives, then its own
 * fields from MESSAGE_FIELDS. The term is left out for client messages (clients
 * have no term, §8: theirs carry 0) and for PreVote, which lists the term it
 * asks about among its fields.
 */
export function MessageFieldsTable({ m, now, lang, t, chunkBytes }: MessageFieldsTableProps) {
  const fromClient = isClientEnd(m.from) || isClientEnd(m.to);
  const remaining = Math.max(0, Math.round(m.deliverAt - now));
  const ctx: FieldContext = { t, chunkBytes };
  // The table is keyed by type, so each message meets its own type's rows.
  const fields = MESSAGE_FIELDS[m.type] as ReadonlyArray<MessageField<InFlightMessage>>;
  return (
    <table className="fields">
      <tbody>
        {!fromClient && m.type !== 'PreVote' && (
          <FieldRow name="term" gloss={t('inspector.msg.gloss.term')}>
            <TermChip term={m.term} />
          </FieldRow>
        )}
        <FieldRow name={t('inspector.msg.sentAt')} code={false}>
          {formatTime(m.sentAt, lang)}
        </FieldRow>
        <FieldRow name={t('inspector.msg.deliverAt')} code={false}>
          {t('inspector.msg.arrivesIn', { time: formatTime(m.deliverAt, lang), ms: remaining })}
        </FieldRow>
        {fields
          .filter((f) => f.shown(m))
          .map((f) => (
            <FieldRow key={f.name} name={f.name} gloss={f.gloss === null ? undefined : t(`inspector.msg.gloss.${f.gloss}`)}>
              {f.value(m, ctx)}
            </FieldRow>
          ))}
      </tbody>
    </table>
  );
}
