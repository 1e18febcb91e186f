/**
 * The animation loop. While playing, each animation frame advances simulated
 * time by (wall ms since the last frame) × speed, and the view is drawn at the
 * worker's new `now`, so pause, speed changes and stepping are exact. While
 * paused, no loop runs and the worker does nothing.
 */
import { useEffect } from 'react';
import { useStore } from '../../store';

/** A hidden tab or a slow frame must not jump the simulation forward by seconds. */
const MAX_FRAME_MS = 100;

export function usePlayback(): void {
  const playing = useStore((s) => s.ui.playing);
  const ready = useStore((s) => s.sim.ready);
  useEffect(() => {
    if (!playing || !ready) return;
    let raf = 0;
    let last: number | null = null;
    let pending = 0;
    const tick = (t: number): void => {
      if (last !== null) pending += Math.min(t - last, MAX_FRAME_MS) * useStore.getState().ui.speed;
      last = t;
      const { busy, advance } = useStore.getState();
      // One worker call at a time: time owed while it runs is added to the next call.
      if (!busy && pending > 0) {
        const ms = pending;
        pending = 0;
        void advance(ms);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, ready]);
}
