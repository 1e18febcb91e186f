/**
 * Page object for the Raft visualizer. Everything is driven by SIMULATED time:
 * pages start paused (`play=0`) with a fixed seed, and time moves only through
 * `advance(ms)` (the test hook `window.__raft`) or the Step / Next buttons.
 * State is read from the zustand store; the DOM is checked with web-first
 * assertions in the specs.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The fixed seed the specs use unless they ask for another one. */
export const DEFAULT_SEED = 'e2e-1';

export type StartParams = {
  seed?: string;
  servers?: number;
  /** Defaults to false: time stands still until a test moves it. */
  play?: boolean;
  speed?: number;
  lang?: 'en' | 'zh';
  leaderNoop?: boolean;
  /** Extra query text appended as is (e.g. deliberately unusable values). */
  raw?: string;
};

export type Role = 'leader' | 'candidate' | 'follower';

/**
 * The side panel's tabs (only the open one is rendered). `logs` exists only on
 * phones and tablets (≤ 820 px wide), where the logs live in a tab.
 */
export type SideTab = 'events' | 'selection' | 'network' | 'clients' | 'stats' | 'logs';

/** Toolbar tools that sit inline on a wide screen (≥ 1360 px, not presenting) and inside "More" otherwise. */
export type ToolId = 'preset-menu' | 'open-about' | 'open-share' | 'open-settings' | 'reset' | 'lang' | 'presentation' | 'help';

/** What the specs read of one server (a subset of the store's ServerSummary). */
export interface ServerState {
  id: number;
  role: Role;
  alive: boolean;
  connected: boolean;
  term: number;
  votedFor: number | null;
  leaderId: number | null;
  lastLogIndex: number;
  commitIndex: number;
  lastApplied: number;
}

export interface MessageState {
  id: number;
  type: string;
  from: number;
  to: number;
  term: number;
  sentAt: number;
  deliverAt: number;
  lost: boolean;
  duplicate: boolean;
  entries?: unknown[];
}

export interface EntryState {
  index: number;
  term: number;
  command: string | null;
}

/** A JSON snapshot of `store.getState().sim` without the (long) event list. */
export interface SimSnapshot {
  ready: boolean;
  run: number;
  now: number;
  eventCount: number;
  eventsKept: number;
  leaderId: number | null;
  seed: string | null;
  servers: ServerState[];
  messages: MessageState[];
  logs: Record<number, EntryState[]>;
  network: { latencyMs: [number, number]; dropRate: number; duplicateRate: number; cut: Array<[number, number]>; disconnected: number[] };
  violations: number;
}

export interface EventState {
  n: number;
  time: number;
  kind: string;
  server: number | null;
  messageId: number | null;
}

/** What the specs read of one server beyond ServerState: configuration, snapshot, transfer, state machine. */
export interface ServerDetail {
  id: number;
  /** 'leader' | 'candidate' | 'follower' | 'precandidate' */
  role: string;
  alive: boolean;
  term: number;
  commitIndex: number;
  lastApplied: number;
  config: { voters: number[]; learners: number[]; oldVoters?: number[] };
  configIndex: number;
  snapshotIndex: number;
  snapshotTerm: number;
  transferee: number | null;
  kv: Record<string, string>;
}

/** One simulated client (§8) as the specs read it. */
export interface ClientState {
  id: number;
  pending: { seq: number; kind: string } | null;
  history: Array<{ seq: number; kind: string; command?: string; key?: string; value?: string | null; duplicate?: boolean; index?: number; readVia?: string }>;
}

/** The cluster as the specs read it for membership, snapshots, clients and options (see clusterState()). */
export interface ClusterState {
  now: number;
  eventCount: number;
  leaderId: number | null;
  violations: number;
  servers: ServerDetail[];
  clients: ClientState[];
  /** The options of the current run (as the worker resolved them). */
  options: Record<string, unknown> | null;
  /** The end of the recorded run (time travel): where a loaded preset ends. */
  head: { n: number; time: number };
}

export function startUrl(params: StartParams = {}): string {
  const q = new URLSearchParams();
  q.set('seed', params.seed ?? DEFAULT_SEED);
  if (params.servers !== undefined) q.set('servers', String(params.servers));
  q.set('play', params.play ? '1' : '0');
  if (params.speed !== undefined) q.set('speed', String(params.speed));
  if (params.lang !== undefined) q.set('lang', params.lang);
  if (params.leaderNoop !== undefined) q.set('leaderNoop', params.leaderNoop ? '1' : '0');
  const raw = params.raw ? `&${params.raw}` : '';
  return `/?${q.toString()}${raw}`;
}

export class RaftPage {
  readonly toolbar: Locator;
  readonly cluster: Locator;
  readonly logsView: Locator;
  readonly inspector: Locator;
  readonly messageInspector: Locator;
  readonly eventList: Locator;
  readonly eventRows: Locator;
  readonly commandInput: Locator;
  readonly commandTarget: Locator;
  readonly submitButton: Locator;
  readonly submitOutcome: Locator;
  readonly simTime: Locator;
  readonly speedSlider: Locator;
  readonly speedReadout: Locator;
  readonly linkMenu: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('toolbar', { name: 'Simulation controls' });
    this.cluster = page.getByTestId('cluster-view');
    this.logsView = page.getByTestId('logs-view');
    this.inspector = page.getByTestId('server-inspector');
    this.messageInspector = page.getByTestId('message-inspector');
    this.eventList = page.getByTestId('event-list');
    this.eventRows = this.eventList.locator('li.event');
    this.commandInput = page.getByTestId('command-input');
    this.commandTarget = page.getByTestId('command-target');
    this.submitButton = page.getByTestId('submit');
    this.submitOutcome = page.getByTestId('submit-outcome');
    this.simTime = page.getByTestId('sim-time');
    this.speedSlider = page.getByTestId('speed');
    this.speedReadout = page.locator('output.speed-value');
    this.linkMenu = page.getByTestId('link-menu');
  }

  // ---- navigation ---------------------------------------------------------

  /** Open the page with start parameters (paused, fixed seed by default) and wait until the worker answered. */
  async goto(params: StartParams = {}): Promise<void> {
    await this.page.goto(startUrl(params));
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await this.page.waitForFunction(() => window.__raft?.store.getState().sim.ready === true);
    await expect(this.cluster).toBeVisible();
  }

  // ---- simulated time -----------------------------------------------------

  /** Advance simulated time by `ms` through the test hook (resolves once the frame is applied). */
  async advance(ms: number): Promise<void> {
    await this.page.evaluate((m) => window.__raft!.advance(m), ms);
  }

  /**
   * Wait until every worker call already asked for (by a click or a key) has been applied:
   * calls are queued in order, so an empty advance resolves after them. Only where no event
   * is due at the current time (else it would process it).
   */
  async flush(): Promise<void> {
    await this.page.evaluate(() => window.__raft!.advance(0));
  }

  /** Click Step and wait until its event has arrived. */
  async clickStep(): Promise<void> {
    const before = await this.eventCount();
    await this.stepButton().click();
    await expect.poll(() => this.eventCount()).toBe(before + 1);
  }

  /** Process exactly one event through the test hook. */
  async stepHook(): Promise<void> {
    await this.page.evaluate(() => window.__raft!.step());
  }

  /**
   * Advance in slices of `stepMs` until `predicate` holds on the store's state, at most `maxMs`
   * of simulated time. Returns the snapshot that satisfied it; throws with the last one otherwise.
   */
  async advanceUntil(predicate: (s: SimSnapshot) => boolean, { maxMs = 5_000, stepMs = 50, what = 'condition' } = {}): Promise<SimSnapshot> {
    let s = await this.snapshot();
    const start = s.now;
    while (!predicate(s)) {
      if (s.now - start >= maxMs) throw new Error(`${what} not reached within ${maxMs} simulated ms (now=${s.now}, leader=${s.leaderId})`);
      await this.advance(stepMs);
      s = await this.snapshot();
    }
    return s;
  }

  /** Run until some live server leads (and, if given, a leader other than `not`). */
  async advanceUntilLeader({ not, maxMs = 5_000 }: { not?: number | null; maxMs?: number } = {}): Promise<number> {
    const s = await this.advanceUntil((x) => x.leaderId !== null && x.leaderId !== not, { maxMs, what: `a leader${not ? ` other than S${not}` : ''}` });
    return s.leaderId!;
  }

  // ---- store reads ----------------------------------------------------------

  async snapshot(): Promise<SimSnapshot> {
    return this.page.evaluate(() => {
      const sim = window.__raft!.store.getState().sim;
      const logs: Record<number, { index: number; term: number; command: string | null }[]> = {};
      for (const [id, entries] of Object.entries(sim.logs)) {
        logs[Number(id)] = entries.map((e) => ({ index: e.index, term: e.term, command: e.command }));
      }
      return {
        ready: sim.ready,
        run: sim.run,
        now: sim.now,
        eventCount: sim.eventCount,
        eventsKept: sim.events.length,
        leaderId: sim.leaderId,
        seed: sim.options ? String(sim.options.seed) : null,
        servers: sim.servers.map((v) => ({
          id: v.id,
          role: v.role,
          alive: v.alive,
          connected: v.connected,
          term: v.term,
          votedFor: v.votedFor,
          leaderId: v.leaderId,
          lastLogIndex: v.lastLogIndex,
          commitIndex: v.commitIndex,
          lastApplied: v.lastApplied,
        })),
        messages: sim.messages.map((m) => ({
          id: m.id,
          type: m.type,
          from: m.from,
          to: m.to,
          term: m.term,
          sentAt: m.sentAt,
          deliverAt: m.deliverAt,
          lost: m.lost,
          duplicate: m.duplicate,
          entries: 'entries' in m ? m.entries : undefined,
        })),
        logs,
        network: JSON.parse(JSON.stringify(sim.network)),
        violations: sim.violations.length,
      } as SimSnapshot;
    });
  }

  async now(): Promise<number> {
    return this.page.evaluate(() => window.__raft!.store.getState().sim.now);
  }

  async eventCount(): Promise<number> {
    return this.page.evaluate(() => window.__raft!.store.getState().sim.eventCount);
  }

  async leaderId(): Promise<number | null> {
    return this.page.evaluate(() => window.__raft!.store.getState().sim.leaderId);
  }

  async serverState(id: number): Promise<ServerState> {
    const s = await this.snapshot();
    const v = s.servers.find((x) => x.id === id);
    if (!v) throw new Error(`no server S${id}`);
    return v;
  }

  async serverCount(): Promise<number> {
    return this.page.evaluate(() => window.__raft!.store.getState().sim.servers.length);
  }

  async messages(): Promise<MessageState[]> {
    return (await this.snapshot()).messages;
  }

  async network(): Promise<SimSnapshot['network']> {
    return (await this.snapshot()).network;
  }

  /** The newest `count` events kept by the page (oldest first), as plain data. */
  async events(count = 50): Promise<EventState[]> {
    return this.page.evaluate((c) => {
      const ev = window.__raft!.store.getState().sim.events;
      return ev.slice(-c).map((e) => ({ n: e.n, time: e.time, kind: e.kind, server: e.server, messageId: e.message?.id ?? null }));
    }, count);
  }

  async ui(): Promise<{ playing: boolean; speed: number; lang: string; presentation: boolean; helpOpen: boolean; selectedServer: number | null; selectedMessage: number | null }> {
    return this.page.evaluate(() => {
      const u = window.__raft!.store.getState().ui;
      return { playing: u.playing, speed: u.speed, lang: u.lang, presentation: u.presentation, helpOpen: u.helpOpen, selectedServer: u.selectedServer, selectedMessage: u.selectedMessage };
    });
  }

  /** Wait for two animation frames (lets a running playback loop tick, or shows that none runs). */
  async animationFrames(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  }

  // ---- side panel tabs ----------------------------------------------------------

  tab(name: SideTab): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  /** Open a tab of the side panel (a click, as a user would) unless it is open already. */
  async openTab(name: SideTab): Promise<void> {
    const tab = this.tab(name);
    // The More popover (left open after loading a preset from it) lies over the side panel: close it first.
    const more = this.page.getByTestId('more');
    if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) === 'true') await more.click();
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** The newest row of the event log (newest first), with the Events tab opened. */
  async latestEvent(): Promise<Locator> {
    await this.openTab('events');
    return this.eventRows.first();
  }

  // ---- toolbar ----------------------------------------------------------------

  playButton(): Locator {
    return this.page.getByTestId('play');
  }
  stepButton(): Locator {
    return this.page.getByTestId('step');
  }
  nextButton(): Locator {
    return this.page.getByTestId('next-interesting');
  }
  /** The toolbar's step back (the timeline has a button with the same test id). */
  stepBackButton(): Locator {
    return this.toolbar.getByTestId('step-back');
  }
  /** The "More" button that holds the tools where the toolbar is too narrow for them. */
  moreButton(): Locator {
    return this.page.getByTestId('more');
  }
  /** A tool of the toolbar, wherever it is (inline or inside More); see openTool to reach it. */
  tool(id: ToolId): Locator {
    return id === 'help' ? this.toolbar.getByRole('button', { name: 'Keyboard shortcuts' }) : this.page.getByTestId(id);
  }
  /** Make a tool reachable: open More first if the tool is folded into it. Returns the tool. */
  async openTool(id: ToolId): Promise<Locator> {
    const tool = this.tool(id);
    const more = this.moreButton();
    // Right after a resize or a mode change the toolbar may still be folding: wait until one of them shows.
    await expect(tool.or(more).first()).toBeVisible();
    if (!(await tool.isVisible())) {
      if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
      await expect(more).toHaveAttribute('aria-expanded', 'true');
    }
    await expect(tool).toBeVisible();
    return tool;
  }
  /** Click a tool of the toolbar (opening More first where needed). */
  async clickTool(id: ToolId): Promise<void> {
    await (await this.openTool(id)).click();
  }
  newRunButton(): Locator {
    return this.tool('reset');
  }
  settingsButton(): Locator {
    return this.tool('open-settings');
  }
  langSelect(): Locator {
    return this.tool('lang');
  }
  /** Open the cluster settings dialog (through More where needed) and return it. */
  async openSettings(): Promise<Locator> {
    await this.clickTool('open-settings');
    const dialog = this.page.getByRole('dialog', { name: /^(Cluster settings|集群设置)$/ });
    await expect(dialog).toBeVisible();
    return dialog;
  }
  /** Choose a language in the toolbar's language select (through More where needed). */
  async chooseLang(lang: 'en' | 'zh'): Promise<void> {
    await (await this.openTool('lang')).selectOption(lang);
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-Hans' : 'en');
  }
  /** Load a built-in preset from the preset menu (through More where needed). */
  async choosePreset(id: string): Promise<void> {
    await this.clickTool('preset-menu');
    await this.page.locator(`[data-testid="preset-item"][data-preset="${id}"]`).click();
  }
  /** The seed the page shows: at the end of the New run tool's tooltip ("… — Seed: e2e-1"), inside More below 1360 px. */
  async shownSeed(): Promise<string> {
    const title = (await (await this.openTool('reset')).getAttribute('title')) ?? '';
    return /: (\S*)$/.exec(title)?.[1] ?? '';
  }

  // ---- cluster ------------------------------------------------------------------

  /** A server's node on the ring (the log rows carry data-server too, so scope to the cluster). */
  server(id: number): Locator {
    return this.cluster.locator(`g.cv-server[data-server="${id}"]`);
  }

  /** The leader's crown badge on a server's node. */
  crown(id: number): Locator {
    return this.server(id).locator('.cv-badge-leader');
  }

  /** Click a server's body (its centre, clear of link targets and messages). */
  async selectServer(id: number): Promise<void> {
    await this.server(id).locator('circle.cv-body').click();
    await expect(this.server(id)).toHaveAttribute('aria-pressed', 'true');
    // "Server S3" / "服务器 S3"
    await expect(this.inspector.getByRole('heading', { level: 2 })).toHaveText(new RegExp(`S${id}$`));
  }

  /** The invisible hit area of link a–b (a < b). */
  link(a: number, b: number): Locator {
    return this.cluster.locator(`[data-link="${Math.min(a, b)}-${Math.max(a, b)}"]`);
  }

  message(id: number): Locator {
    return this.cluster.locator(`[data-message="${id}"]`);
  }

  centreTitle(): Locator {
    return this.cluster.locator('.cv-centre-title');
  }

  // ---- inspector ------------------------------------------------------------------

  inspectorButton(name: 'Crash' | 'Restart' | 'Force election timeout' | 'Disconnect' | 'Reconnect'): Locator {
    return this.inspector.getByRole('button', { name, exact: true });
  }

  /** Open the Selected tab (the inspector of the selected server or message). */
  async openInspector(): Promise<void> {
    await this.openTab('selection');
  }

  // ---- logs -------------------------------------------------------------------------

  logRow(id: number): Locator {
    return this.logsView.locator(`.logs-server-row[data-server="${id}"]`);
  }

  /** The cell of entry `index` in server `id`'s row (only cells in the visible window are rendered). */
  logCell(id: number, index: number): Locator {
    return this.logRow(id).locator('li.log-cell').filter({ has: this.page.locator('.log-cell-index', { hasText: new RegExp(`^${index}$`) }) });
  }

  // ---- command box ----------------------------------------------------------------------

  /** Make the command box reachable: where it is not always shown (presentation mode, phone), the toolbar's button opens it. */
  async openCommandBox(): Promise<void> {
    if (await this.commandInput.isVisible()) return;
    await this.page.getByTestId('open-command').click();
    await expect(this.commandInput).toBeFocused();
  }

  /** Submit a command directly to the leader, or to server `target`, from the command box. */
  async submit(command: string, target?: number): Promise<void> {
    await this.openCommandBox();
    await this.page.getByTestId('command-via').selectOption('direct');
    await this.commandInput.fill(command);
    await this.commandTarget.selectOption(target === undefined ? 'leader' : String(target));
    await this.submitButton.click();
  }

  // ---- membership, snapshots, clients and options ---------------------------------------

  /** Configuration, snapshot, clients and options, as plain data (see ClusterState). */
  async clusterState(): Promise<ClusterState> {
    return this.page.evaluate(() => {
      const sim = window.__raft!.store.getState().sim;
      return JSON.parse(
        JSON.stringify({
          now: sim.now,
          eventCount: sim.eventCount,
          leaderId: sim.leaderId,
          violations: sim.violations.length,
          servers: sim.servers.map((v) => ({
            id: v.id,
            role: v.role,
            alive: v.alive,
            term: v.term,
            commitIndex: v.commitIndex,
            lastApplied: v.lastApplied,
            config: v.config,
            configIndex: v.configIndex,
            snapshotIndex: v.snapshotIndex,
            snapshotTerm: v.snapshotTerm,
            transferee: v.transferee,
            kv: v.stateMachine.kv,
          })),
          clients: sim.clients.map((c) => ({ id: c.id, pending: c.pending && { seq: c.pending.seq, kind: c.pending.kind }, history: c.history })),
          options: sim.options,
          head: sim.timeline.head,
        }),
      ) as ClusterState;
    });
  }

  /** Like advanceUntil, over clusterState(). */
  async advanceUntilState(predicate: (s: ClusterState) => boolean, { maxMs = 5_000, stepMs = 50, what = 'condition' } = {}): Promise<ClusterState> {
    let s = await this.clusterState();
    const start = s.now;
    while (!predicate(s)) {
      if (s.now - start >= maxMs) throw new Error(`${what} not reached within ${maxMs} simulated ms (now=${s.now}, leader=${s.leaderId})`);
      await this.advance(stepMs);
      s = await this.clusterState();
    }
    return s;
  }

  /**
   * Run until there is a leader that has committed an entry of its term (so it may change membership, §4.1 of the dissertation).
   * Leaves the Network tab (with the Membership panel) open.
   */
  async advanceUntilLeaderCanChange({ maxMs = 5_000 } = {}): Promise<number> {
    await this.advanceUntilLeader({ maxMs });
    await this.submit('x=1');
    const s = await this.advanceUntilState((x) => x.leaderId !== null && x.servers.some((v) => v.id === x.leaderId && v.commitIndex >= 1 && v.configIndex <= v.commitIndex), { maxMs, what: 'a commit in the leader’s term' });
    await this.openTab('network');
    await expect(this.membershipButton('add-server')).toBeEnabled();
    return s.leaderId!;
  }

  /** Move through the recorded future to the end of a loaded run (a preset's last moment). */
  async runToEnd(): Promise<ClusterState> {
    const s = await this.clusterState();
    if (s.head.time > s.now) await this.advance(s.head.time - s.now);
    const end = await this.clusterState();
    expect(end.eventCount, 'at the end of the recorded run').toBe(s.head.n);
    return end;
  }

  membershipPanel(): Locator {
    return this.page.getByTestId('membership-panel');
  }

  membershipButton(testId: 'add-server' | 'remove-server' | 'transfer-leadership' | 'take-snapshot' | 'open-change-membership'): Locator {
    return this.page.getByTestId(testId);
  }

  /** Choose the server the membership buttons act on (the page's selection), in the Network tab. */
  async chooseServer(id: number): Promise<void> {
    await this.openTab('network');
    await this.page.getByTestId('membership-server').selectOption(String(id));
    await expect(this.tab('network')).toHaveAttribute('aria-selected', 'true');
    await expect(this.membershipButton('remove-server')).toHaveText(`Remove S${id}`);
  }

  /** The tag under a server's node ("learner", "removed", "offline"). */
  serverTag(id: number): Locator {
    return this.server(id).locator('.cv-tag text');
  }

  clientsPanel(): Locator {
    return this.page.getByTestId('clients-panel');
  }

  clientTab(id: number): Locator {
    return this.clientsPanel().locator(`[data-testid="client-tab"][data-client="${id}"]`);
  }

  clientHistoryRow(seq: number): Locator {
    return this.clientsPanel().locator(`[data-testid="client-history-row"][data-seq="${seq}"]`);
  }

  /** The command box's "as" select: direct, or one of the simulated clients. */
  commandVia(): Locator {
    return this.page.getByTestId('command-via');
  }

  /** The command box's read button (shown when it sends as a client). */
  commandRead(): Locator {
    return this.page.getByTestId('command-read');
  }

  /** Open the command box and choose to send as client `client` (default: the Clients tab's active client). */
  async sendAs(client?: number): Promise<void> {
    await this.openCommandBox();
    const id = client ?? (await this.page.evaluate(() => window.__raft!.store.getState().ui.activeClient));
    await this.commandVia().selectOption(String(id));
  }

  /** Send a write as a client (default: the active one) from the command box. */
  async clientWrite(command: string, client?: number): Promise<void> {
    await this.sendAs(client);
    await this.commandInput.fill(command);
    await this.submitButton.click();
  }

  /** Send a read of `key` as a client (default: the active one) from the command box. */
  async clientRead(key: string, client?: number): Promise<void> {
    await this.sendAs(client);
    await this.commandInput.fill(key);
    await this.commandRead().click();
  }

  /** Run until client `id` has finished request number `seq` (its history has it). */
  async advanceUntilClientDone(id: number, seq: number, { maxMs = 3_000 } = {}): Promise<ClusterState> {
    await this.flush(); // the click's request reaches the worker first
    return this.advanceUntilState((s) => s.clients.some((c) => c.id === id && c.history.some((h) => h.seq === seq)), { maxMs, what: `client C${id} finishing request #${seq}` });
  }

  // ---- network panel ------------------------------------------------------------------

  networkButton(testId: 'isolate-selected' | 'isolate-leader' | 'split-minority' | 'heal' | 'open-network-settings'): Locator {
    return this.page.getByTestId(testId);
  }

  /** Click a button of the network panel (in the Network tab). */
  async clickNetwork(testId: Parameters<RaftPage['networkButton']>[0]): Promise<void> {
    await this.openTab('network');
    await this.networkButton(testId).click();
  }
}
