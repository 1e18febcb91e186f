/**
 * The message inspector's rows for the extensions' messages, every field
 * under the name the code and the papers use: PreVote and its reply
 * (dissertation §9.6), InstallSnapshot and its reply (§7, Figure 13),
 * TimeoutNow (dissertation §3.10), and client requests and replies (§8).
 * Commands, keys and values are user text: rendered as text, never as HTML.
 */
import type { Configuration, ServerId } from '../../engine';
import type { InFlightMessage } from '../../sim';
import type { useT } from '../i18n';
import { snapshotChunk } from '../cluster/messageModel';
import { shortCommand } from '../logs/logModel';
import { FieldRow, TermChip } from './fieldTable';

type Translate = ReturnType<typeof useT>;

const TEXT_CHARS = 60;

function Bool({ value }: { value: boolean }) {
  return (
    <span className={value ? 'ok-text' : 'bad-text'}>
      <span aria-hidden="true">{value ? '✓ ' : '✗ '}</span>
      <code>{String(value)}</code>
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

function UserText({ text }: { text: string }) {
  return (
    <span className="mono command" title={text}>
      {shortCommand(text, TEXT_CHARS)}
    </span>
  );
}

/** Rows for the extension message types; null for the original four. */
export function ExtMessageFields({ m, t, chunkBytes }: { m: InFlightMessage; t: Translate; chunkBytes: number }) {
  const g = (field: string): string => t(`inspector.msg.gloss.${field}`);
  switch (m.type) {
    case 'PreVote':
      return (
        <>
          <FieldRow name="candidateId" gloss={g('candidateId')}>
            S{m.candidateId}
          </FieldRow>
          <FieldRow name="term (+1)" gloss={g('preTerm')}>
            <TermChip term={m.term} />
          </FieldRow>
          <FieldRow name="lastLogIndex" gloss={g('lastLogIndex')}>
            <span className="num">{m.lastLogIndex}</span>
          </FieldRow>
          <FieldRow name="lastLogTerm" gloss={g('lastLogTerm')}>
            <TermChip term={m.lastLogTerm} />
          </FieldRow>
        </>
      );
    case 'PreVoteReply':
      return (
        <>
          <FieldRow name="voteGranted" gloss={g('preVoteGranted')}>
            <Bool value={m.voteGranted} />
          </FieldRow>
          {m.reason && <FieldRow name="reason">{t(`inspector.msg.reason.${m.reason}`)}</FieldRow>}
        </>
      );
    case 'InstallSnapshot': {
      const c = snapshotChunk(m.offset, m.data.length, m.size, m.done, chunkBytes);
      return (
        <>
          <FieldRow name="leaderId" gloss={g('leaderId')}>
            S{m.leaderId}
          </FieldRow>
          <FieldRow name="lastIncludedIndex" gloss={g('lastIncludedIndex')}>
            <span className="num">{m.lastIncludedIndex}</span>
          </FieldRow>
          <FieldRow name="lastIncludedTerm" gloss={g('lastIncludedTerm')}>
            <TermChip term={m.lastIncludedTerm} />
          </FieldRow>
          <FieldRow name="offset" gloss={g('offset')}>
            <span className="num">{m.offset}</span>
          </FieldRow>
          <FieldRow name="data[]" gloss={g('data')}>
            {t('inspector.msg.chunk', { chunk: c.chunk, chunks: c.chunks, from: m.offset, through: c.through, size: m.size })}
            <span className="timer-bar" role="img" aria-label={`${Math.round((c.through / Math.max(1, m.size)) * 100)}%`}>
              <span style={{ width: `${Math.round((c.through / Math.max(1, m.size)) * 100)}%` }} />
            </span>
          </FieldRow>
          <FieldRow name="done" gloss={g('done')}>
            <Bool value={m.done} />
          </FieldRow>
          <FieldRow name="size" gloss={g('size')}>
            {t('inspector.msg.bytes', { bytes: m.size })}
          </FieldRow>
          <FieldRow name="config" gloss={g('snapshotConfig')}>
            <span className="mono">{configText(m.config)}</span>
          </FieldRow>
        </>
      );
    }
    case 'InstallSnapshotReply':
      return (
        <>
          <FieldRow name="lastIncludedIndex" gloss={g('lastIncludedIndex')}>
            <span className="num">{m.lastIncludedIndex}</span>
          </FieldRow>
          <FieldRow name="offset" gloss={g('replyOffset')}>
            <span className="num">{m.offset}</span>
          </FieldRow>
          <FieldRow name="done" gloss={g('replyDone')}>
            <Bool value={m.done} />
          </FieldRow>
        </>
      );
    case 'TimeoutNow':
      return (
        <FieldRow name="leaderId" gloss={g('timeoutNow')}>
          S{m.leaderId}
        </FieldRow>
      );
    case 'ClientRequest':
      return (
        <>
          <FieldRow name="client" gloss={g('client')}>
            C{m.client}
          </FieldRow>
          <FieldRow name="seq" gloss={g('seq')}>
            <span className="num">{m.seq}</span>
          </FieldRow>
          {m.command !== undefined && (
            <FieldRow name="command" gloss={g('command')}>
              <UserText text={m.command} />
            </FieldRow>
          )}
          {m.read !== undefined && (
            <FieldRow name="read" gloss={g('read')}>
              <UserText text={m.read} />
            </FieldRow>
          )}
        </>
      );
    case 'ClientReply':
      return (
        <>
          <FieldRow name="client" gloss={g('client')}>
            C{m.client}
          </FieldRow>
          <FieldRow name="seq" gloss={g('seq')}>
            <span className="num">{m.seq}</span>
          </FieldRow>
          <FieldRow name="ok" gloss={g('ok')}>
            <Bool value={m.ok} />
          </FieldRow>
          {m.reason && <FieldRow name="reason">{t(`inspector.msg.clientReason.${m.reason}`)}</FieldRow>}
          {m.leaderHint !== undefined && (
            <FieldRow name="leaderHint" gloss={g('leaderHint')}>
              {m.leaderHint === null ? <span className="muted">{t('inspector.msg.unknownHint')}</span> : `S${m.leaderHint}`}
            </FieldRow>
          )}
          {m.index !== undefined && (
            <FieldRow name="index" gloss={g('index')}>
              <span className="num">{m.index}</span>
            </FieldRow>
          )}
          {m.alreadyApplied !== undefined && (
            <FieldRow name="alreadyApplied" gloss={g('alreadyApplied')}>
              <Bool value={m.alreadyApplied} />
            </FieldRow>
          )}
          {m.value !== undefined && (
            <FieldRow name="value" gloss={g('value')}>
              {m.value === null ? <span className="muted">{t('inspector.msg.unset')}</span> : <UserText text={m.value} />}
            </FieldRow>
          )}
          {m.readIndex !== undefined && (
            <FieldRow name="readIndex" gloss={g('readIndex')}>
              <span className="num">{m.readIndex}</span>
            </FieldRow>
          )}
          {m.readVia !== undefined && (
            <FieldRow name="readVia" gloss={g('readVia')}>
              {t(`inspector.msg.readVia.${m.readVia}`)}
              {m.readRound !== undefined ? ` (round ${m.readRound})` : ''}
            </FieldRow>
          )}
        </>
      );
    default:
      return null;
  }
}
