/** Partition presets as server groups (pure, so they are unit-tested). */
import type { ServerId } from '../../engine';

export function isolate(ids: ServerId[], one: ServerId): ServerId[][] {
  return [[one], ids.filter((id) => id !== one)];
}

/**
 * Split into a minority and a majority. The leader (if any) goes to the
 * minority: the classic lecture case of a leader that can no longer commit.
 */
export function splitMinority(ids: ServerId[], leader: ServerId | null): ServerId[][] {
  const minoritySize = Math.floor((ids.length - 1) / 2);
  if (minoritySize === 0) return [ids.slice()];
  const order = leader === null ? ids.slice() : [leader, ...ids.filter((id) => id !== leader)];
  const minority = order.slice(0, minoritySize).sort((a, b) => a - b);
  return [minority, ids.filter((id) => !minority.includes(id))];
}
