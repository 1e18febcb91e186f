/**
 * What the latest step changed, for every view that marks changes. One
 * subscription to the store compares each new frame with the one before it
 * (src/store/changes.ts) and keeps the result until the next frame, so a
 * panel opened after the step still sees it.
 *
 * Only while paused: a step (forward or back, Next, a seek) is something to
 * look at; while playing every frame changes something and marks would only
 * flicker (and cost work at 60 frames a second). A new run starts unmarked.
 *
 * `seq` counts steps that changed something: a view keys its highlight on it
 * so the CSS animation starts again at each step.
 */
import { create } from 'zustand';
import type { ServerId } from '../engine';
import { useStore, type SimState } from '../store';
import { NO_CHANGES, serverChanges, type FieldChanges, type ServerChanges } from '../store/changes';

export interface FrameChanges {
  seq: number;
  /** The frame before the current one (same run), for views that diff more than servers (logs). Null after a new run or while playing. */
  prev: SimState | null;
  servers: ServerChanges;
}

const useFrameChanges = create<FrameChanges>(() => ({ seq: 0, prev: null, servers: NO_CHANGES }));

useStore.subscribe((state, before) => {
  if (state.sim === before.sim && state.ui.playing === before.ui.playing) return;
  const cur = useFrameChanges.getState();
  const quiet = state.ui.playing || state.sim.run !== before.sim.run || !before.sim.ready;
  if (quiet) {
    // Nothing to mark: clear once, and do no more work per frame.
    if (cur.prev !== null || cur.servers !== NO_CHANGES) useFrameChanges.setState({ prev: null, servers: NO_CHANGES });
    return;
  }
  if (state.sim === before.sim) return;
  const servers = serverChanges(before.sim.servers, state.sim.servers);
  useFrameChanges.setState({ seq: servers === NO_CHANGES ? cur.seq : cur.seq + 1, prev: before.sim, servers });
});

/** The latest step's changes (all servers) and the previous frame. */
export function useChanges(): FrameChanges {
  return useFrameChanges();
}

/** One server's changed fields in the latest step (undefined: none), and the step's number. */
export function useServerChanges(id: ServerId | undefined): { seq: number; fields: FieldChanges | undefined } {
  const seq = useFrameChanges((s) => s.seq);
  const fields = useFrameChanges((s) => (id === undefined ? undefined : s.servers.get(id)));
  return { seq, fields };
}
