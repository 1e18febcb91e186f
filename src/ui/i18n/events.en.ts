/**
 * Event-log sentences in English. Every key is under `ev.` so that ui.*.ts can
 * never collide with it; events.zh.ts must have exactly the same keys and the
 * same placeholders (a test checks both).
 *
 * Conventions: `{s}` is the server the clause is about (the event's server for
 * the first clause of a sentence, the pronoun `ev.it` for later clauses), so a
 * clause template starts with `{s}` when the server is its subject. Sentences
 * have no final period: the paper sections are appended in parentheses.
 */
import type { Dict } from './index';

export const eventsEn: Dict = {
  // ---- building blocks ------------------------------------------------------
  'ev.itStart': 'it ', // opens a later clause: "…; it granted its vote…" (keep the trailing space)
  'ev.it': 'it',
  'ev.join': '; ',
  'ev.cite': ' ({sections})',
  'ev.citeSep': ', ',
  'ev.sec.figure2': 'Figure 2',
  'ev.list.sep': ', ',
  'ev.list.and': ' and ',
  'ev.time.seconds': '{seconds} s',
  'ev.range.one': 'entry {a}',
  'ev.range.many': 'entries {a}–{b}',
  'ev.command': '"{cmd}"',
  'ev.role.follower': 'follower',
  'ev.role.candidate': 'candidate',
  'ev.role.leader': 'leader',
  'ev.msg.RequestVote': 'RequestVote',
  'ev.msg.RequestVoteReply': 'RequestVote reply',
  'ev.msg.AppendEntries': 'AppendEntries',
  'ev.msg.AppendEntriesReply': 'AppendEntries reply',
  'ev.msg.heartbeat': 'AppendEntries heartbeat',
  'ev.via.RequestVote': 'a RequestVote from {from}',
  'ev.via.RequestVoteReply': 'a RequestVote reply from {from}',
  'ev.via.AppendEntries': 'an AppendEntries from {from}',
  'ev.via.AppendEntriesReply': 'an AppendEntries reply from {from}',

  // ---- filter categories ----------------------------------------------------
  'ev.cat.election': 'Elections',
  'ev.cat.replication': 'Replication',
  'ev.cat.client': 'Clients',
  'ev.cat.fault': 'Faults',
  'ev.cat.network': 'Network',
  'ev.cat.commit': 'Commits',

  // ---- terms and roles (§5.1, §5.2) -----------------------------------------
  'ev.stepDown': '{s} saw term {term} in {via} and stepped down from {role} to follower',
  'ev.adopted': '{s} moved up to the newer term {term}, seen in {via}',
  'ev.adoptedShort': "{s} moved up to {from}'s newer term {term}",
  'ev.leaderFound': '{s} learned from an AppendEntries that {from} is leader of term {term} and became a follower again',
  'ev.becameFollower': '{s} became a follower in term {term}',
  'ev.becameRole': '{s} became {role} in term {term}',

  // ---- elections (§5.2, §5.4.1) ---------------------------------------------
  'ev.timeout.start': '{s} timed out and started an election for term {term}',
  'ev.timeout.again': '{s} timed out again with no winner (a split vote or lost messages) and started a new election for term {term}',
  'ev.timeout.forced': '{s} was made to time out and started an election for term {term}',
  'ev.timeout.leader': '{s} is the leader, so an election timeout has no effect on it',
  'ev.timeout.none': '{s} timed out, but nothing changed',
  'ev.won.of': '{s} won the election with {votes} of {servers} votes and is now leader of term {term}',
  'ev.won.majority': '{s} won the election with {votes} votes, a majority, and is now leader of term {term}',
  'ev.won.alone': '{s} won at once with its own vote, the only one it needs, and is now leader of term {term}',
  'ev.vote.granted': '{s} granted its vote to {c} for term {term}',
  'ev.vote.rejected.log': "{s} refused to vote for {c}: its own log is more up to date than {c}'s, which ends at index {index}, term {lastTerm}",
  'ev.vote.rejected.logEmpty': "{s} refused to vote for {c}: its own log is more up to date than {c}'s, which is empty",
  'ev.vote.rejected.logPlain': '{s} refused to vote for {c}: its own log is more up to date',
  'ev.vote.rejected.term': '{s} refused to vote for {c}: the request is for term {term}, older than its own current term',
  'ev.vote.rejected.voted': '{s} refused to vote for {c}: it already voted in term {term}, and a server votes only once per term',
  'ev.vote.got': '{s} received a vote from {voter} for term {term}: {votes} of the {needed} it needs',
  'ev.vote.refused': '{s} learned that {voter} refused it a vote for term {term} ({why}); it has {votes} of the {needed} votes it needs',
  'ev.vote.refusedPlain': '{s} learned that {voter} refused it a vote for term {term}; it has {votes} of the {needed} votes it needs',
  'ev.vote.why.log-not-up-to-date': "{voter}'s log is more up to date",
  'ev.vote.why.already-voted': '{voter} already voted for another candidate',
  'ev.vote.why.stale-term': '{voter} is in a later term',
  'ev.vote.late': "{s} ignored {from}'s vote reply for term {term}: it belongs to an earlier election",
  'ev.vote.noLongerCandidate': '{s} ignored a late vote reply from {from}: it is no longer a candidate',

  // ---- replication (§5.3) ---------------------------------------------------
  'ev.hb.send': '{s} sent its periodic AppendEntries (heartbeats) to {count} followers, so that none of them starts an election',
  'ev.hb.sendOne': '{s} sent its periodic AppendEntries (heartbeat) to its only follower, so that it does not start an election',
  'ev.hb.none': "{s}'s heartbeat timer fired, but it had no followers to contact",
  'ev.hb.ok': '{s} accepted a heartbeat from {from}',
  'ev.append.ok': '{s} appended {range} from {from}',
  'ev.append.replaced': '{s} deleted its conflicting {old} and appended {range} from {from}',
  'ev.append.had': '{s} already had {range} from {from} and accepted the AppendEntries',
  'ev.truncated': '{s} deleted {old} from its log',
  'ev.append.rejected.stale-term': "{s} rejected AppendEntries from {from}: {from}'s term {term} is out of date, and the reply tells {from} the newer term",
  'ev.append.rejected.missing-entry': '{s} rejected AppendEntries from {from}: it has no entry at index {index} with term {prevTerm}, as its log ends at index {last}',
  'ev.append.rejected.term-mismatch': '{s} rejected AppendEntries from {from}: it has no entry at index {index} with term {prevTerm}, as its entry there is from term {hasTerm}',
  'ev.noop': '{s} appended a no-op entry at index {index} for term {term}, so entries of earlier terms can commit with it',
  'ev.applied': '{s} applied {range} to its state machine',
  'ev.vote.rejected.votedFor': '{s} refused to vote for {c} in term {term}: it already voted for {v}',
  'ev.backoff': '{s} learned that {peer} has no entry at index {index} matching its own, so it moved nextIndex for {peer} back from {from} to {to} and will retry',
  'ev.backoff.fast': '{s} learned that {peer} has no entry at index {index} matching its own and, using the conflict hint, moved nextIndex for {peer} back from {from} to {to} in one step',
  'ev.match': "{s} learned that {peer}'s log matches its own up to index {index}",
  'ev.ack': "{s} heard from {from} that it accepted the AppendEntries: their logs match up to index {index}",
  'ev.ack.empty': '{s} heard from {from} that it accepted the AppendEntries',
  'ev.rejectStale': "{s} ignored {from}'s rejection at index {index}: it answers an earlier AppendEntries",
  'ev.ignored.lateAppendReply': '{s} ignored a late AppendEntries reply from {from}: it answers a request sent in an earlier term',
  'ev.ignored.stale': '{s} ignored a late {msg} from {from}',
  'ev.ignored.dupLeader': '{s} ignored AppendEntries from {from}, which also claims to lead term {term}: two leaders in one term should be impossible',
  'ev.ignored.notLeader': '{s} ignored the {msg} from {from}: it is not the leader',
  'ev.received': '{s} received {msg} from {from}',
  'ev.dupCopy': 'this was a duplicate copy',

  // ---- commitment (§5.3, §5.4.2) --------------------------------------------
  'ev.commit.leader': '{s} committed {range}: stored on a majority',
  'ev.commit.follower': '{s} committed {range}: leader {from} has committed up to index {leaderCommit}',

  // ---- clients (§5.3, §8) ---------------------------------------------------
  'ev.submit.ok': '{s} appended client command {cmd} at index {index}, term {term}',
  'ev.submit.redirect': '{s} is not the leader and redirected the client (command {cmd}) to {leader}',
  'ev.submit.unknown': '{s} is not the leader and does not know which server is, so the client (command {cmd}) must try another server',
  'ev.submit.noLeader': 'No server is leader right now, so the client command {cmd} was not accepted',
  'ev.submit.crashed': '{s} is crashed, so the client command {cmd} was not accepted',

  // ---- crashes (Figure 2) ---------------------------------------------------
  'ev.crash': '{s} crashed: it keeps currentTerm, votedFor and its log',
  'ev.restart': '{s} restarted as a follower from its saved currentTerm, votedFor and log; it learns again from the leader which entries are committed',

  // ---- the network ----------------------------------------------------------
  'ev.net.disconnect': '{s} was taken off the network: no message reaches it or leaves it',
  'ev.net.connect': '{s} was connected to the network again',
  'ev.net.linkDown': 'The link {a}→{b} was cut: messages from {a} to {b} are lost (the other direction is unaffected)',
  'ev.net.linkUp': 'The link {a}→{b} was restored',
  'ev.net.partition': 'The network was partitioned into {groups}: only servers in the same group can talk',
  'ev.net.isolatedOne': '{list} is cut off from everyone',
  'ev.net.isolatedMany': '{list} are each cut off from everyone',
  'ev.net.heal': 'The network was healed: every link is up and every server is connected',
  'ev.net.settings': 'Network settings changed: each message now takes {lo}–{hi} ms, {drop} are lost and {dup} are duplicated',
  'ev.net.other': 'Network change: {detail}',
  'ev.drop.lost': '{msg} {from}→{to} lost: the network dropped it',
  'ev.drop.link-cut': '{msg} {from}→{to} lost: the link {from}→{to} is cut',
  'ev.drop.sender-disconnected': '{msg} {from}→{to} lost: {from} is off the network',
  'ev.drop.receiver-disconnected': '{msg} {from}→{to} lost: {to} is off the network',
  'ev.drop.receiver-crashed': '{msg} {from}→{to} lost: {to} is crashed',
  'ev.drop.other': '{msg} {from}→{to} was not delivered',
  'ev.userDrop': 'You removed the {msg} {from}→{to} from the network: it will never arrive',
  'ev.userDup': 'You duplicated the {msg} {from}→{to}: a second copy is on its way, and Raft must tolerate it',
  'ev.unknown': 'Event {n}: {kind}',

  // ---- safety violations ----------------------------------------------------
  'ev.prop.electionSafety': 'Election Safety',
  'ev.prop.leaderAppendOnly': 'Leader Append-Only',
  'ev.prop.logMatching': 'Log Matching',
  'ev.prop.leaderCompleteness': 'Leader Completeness',
  'ev.prop.stateMachineSafety': 'State Machine Safety',
  'ev.prop.termMonotonicity': 'Term Monotonicity',
  'ev.prop.commitWithinLog': 'Commit Within Log',
  'ev.prop.entryTermBound': 'Entry Term Bound',
  'ev.vio.sentence': '{property} violated: {detail}',
  'ev.vio.electionSafety': '{a} and {b} were both elected leader in term {term}',
  'ev.vio.leaderAppendOnly': '{s}, leader of term {term}, changed or removed its own entry at index {index} (its log ended at {last})',
  'ev.vio.logMatching': '{s} has an entry at index {index} with term {term}, like another log, but the two logs differ at or before index {index}',
  'ev.vio.leaderCompleteness': '{s} became leader of term {term} without the committed entry at index {index} (term {entryTerm})',
  'ev.vio.smsOrder': '{s} applied index {index} right after index {prev}: entries must be applied in order',
  'ev.vio.smsCommitted': '{s} committed a different entry at index {index} (term {term}) from the one already committed there (term {other})',
  'ev.vio.smsApplied': '{s} applied a different entry at index {index} (term {term}) from the one already committed there (term {other})',
  'ev.vio.termMonotonicity': "{s}'s currentTerm went down from {from} to {to}",
  'ev.vio.commitWithinLog': '{s} has commitIndex {commit} but its log ends at index {last}',
  'ev.vio.entryTermBound': '{s} holds an entry of term {term} at index {index}, above its currentTerm {current}',
};
