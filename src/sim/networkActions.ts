/**
 * What a user can do to the network: take a server off it and back, cut or
 * restore one direction of one link, partition and heal, change latency, loss
 * and duplication for messages sent from now on, and drop or duplicate one
 * message in flight. The network model itself is in network.ts.
 */
import type { ServerId } from '../engine';
import { recorded, type ActionHandler } from './handler';
import { record, serverIds, slot, type World } from './live';
import { setLinkUp } from './network';
import { describe, validateNetwork, type NetworkSettings } from './options';
import { checkIdType } from './rules';
import type { TraceEvent } from './trace';
import { inFlightMessage, send } from './wire';
import type { WireDelivery } from './world';

/** A network change: recorded with its description (the detail is part of the trace hash). */
function recordChange(w: World, server: ServerId | null, detail: string): TraceEvent {
  return record(w, { kind: 'network', server, notes: [], sent: [], detail });
}

export const disconnect: ActionHandler<'disconnect'> = {
  check(w, a) {
    slot(w, a.server);
    return { type: 'disconnect', server: a.server };
  },
  run(w, a) {
    w.state.network.disconnected[a.server] = true;
    return recorded(recordChange(w, a.server, `disconnect S${a.server}`));
  },
};

export const connect: ActionHandler<'connect'> = {
  check(w, a) {
    slot(w, a.server);
    return { type: 'connect', server: a.server };
  },
  run(w, a) {
    delete w.state.network.disconnected[a.server];
    return recorded(recordChange(w, a.server, `connect S${a.server}`));
  },
};

/** Bring one direction of one link up or down. */
export const setLink: ActionHandler<'setLink'> = {
  check(w, a) {
    const { from, to, up } = a;
    slot(w, from);
    slot(w, to);
    if (from === to) throw new RangeError(`setLink: from and to must differ (got ${from} twice)`);
    if (typeof up !== 'boolean') throw new TypeError(`setLink: up must be true or false (got ${describe(up)})`);
    return { type: 'setLink', from, to, up };
  },
  run(w, a) {
    setLinkUp(w.state.network, a.from, a.to, a.up);
    return recorded(recordChange(w, null, `link S${a.from}→S${a.to} ${a.up ? 'up' : 'down'}`));
  },
};

/** Only servers in the same group can talk; servers not listed are each isolated. */
export const partition: ActionHandler<'partition'> = {
  check(w, a) {
    const groups: unknown = a.groups;
    if (!Array.isArray(groups) || groups.some((g) => !Array.isArray(g))) {
      throw new TypeError(`partition(groups): groups must be an array of arrays of server ids, e.g. [[1,2],[3,4,5]]`);
    }
    const seen = new Set<ServerId>();
    (groups as ServerId[][]).forEach((g) => {
      for (const id of g) {
        slot(w, id);
        if (seen.has(id)) throw new RangeError(`partition(groups): server ${id} is in more than one group`);
        seen.add(id);
      }
    });
    return { type: 'partition', groups: (groups as ServerId[][]).map((g) => g.slice()) };
  },
  run(w, a) {
    const groupOf = new Map<ServerId, number>();
    a.groups.forEach((g, k) => {
      for (const id of g) groupOf.set(id, k);
    });
    const ids = serverIds(w);
    for (const x of ids) {
      for (const y of ids) {
        if (x === y) continue;
        const gx = groupOf.get(x);
        setLinkUp(w.state.network, x, y, gx !== undefined && gx === groupOf.get(y));
      }
    }
    return recorded(recordChange(w, null, `partition ${a.groups.map((g) => `[${g.join(',')}]`).join(' ')}`));
  },
};

/** Every link up, nobody disconnected. */
export const heal: ActionHandler<'heal'> = {
  check: () => ({ type: 'heal' }),
  run(w) {
    w.state.network.cut = {};
    w.state.network.disconnected = {};
    return recorded(recordChange(w, null, 'heal'));
  },
};

/** Change the network model for messages sent from now on; the action applied holds every setting, not only the ones given. */
export const setNetwork: ActionHandler<'setNetwork'> = {
  check(w, a) {
    const settings: unknown = a.settings;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new TypeError(`setNetwork(settings): settings must be an object (got ${describe(settings)})`);
    }
    // Unknown keys are refused (as createCluster refuses unknown options): a misspelt setting must not be recorded as a change.
    const next = validateNetwork(settings, w.state.network, 'setNetwork(settings): settings');
    return { type: 'setNetwork', settings: { latencyMs: [next.latencyMs[0], next.latencyMs[1]], dropRate: next.dropRate, duplicateRate: next.duplicateRate } };
  },
  run(w, a) {
    const s = a.settings as NetworkSettings;
    const net = w.state.network;
    net.latencyMs = [s.latencyMs[0], s.latencyMs[1]];
    net.dropRate = s.dropRate;
    net.duplicateRate = s.duplicateRate;
    return recorded(recordChange(w, null, `network latency ${s.latencyMs[0]}–${s.latencyMs[1]} ms, drop ${s.dropRate}, duplicate ${s.duplicateRate}`));
  },
};

function inFlight(w: World, id: number): WireDelivery | undefined {
  const ev = w.queue.find((e) => e.kind === 'deliver' && e.id === id);
  return ev?.kind === 'deliver' ? ev : undefined;
}

/** The user removes a message from the wire. */
export const dropMessage: ActionHandler<'dropMessage'> = {
  check(w, a) {
    checkIdType('dropMessage(id): message id', a.message);
    if (!inFlight(w, a.message)) throw new RangeError(`no message ${String(a.message)} is in flight`);
    return { type: 'dropMessage', message: a.message };
  },
  run(w, a) {
    const d = inFlight(w, a.message)!;
    w.queue.removeWhere((e) => e === d);
    w.state.stats.undelivered++;
    return recorded(record(w, { kind: 'dropMessage', server: d.message.to, message: inFlightMessage(d), notes: [], sent: [] }));
  },
};

/** The user makes the network deliver another copy of a message, with its own delay (and its own chance of loss). */
export const duplicateMessage: ActionHandler<'duplicateMessage'> = {
  check(w, a) {
    checkIdType('duplicateMessage(id): message id', a.message);
    if (!inFlight(w, a.message)) throw new RangeError(`no message ${String(a.message)} is in flight`);
    return { type: 'duplicateMessage', message: a.message };
  },
  run(w, a) {
    const original = inFlight(w, a.message)!;
    const copy = send(w, original.message, true);
    const event = record(w, { kind: 'duplicateMessage', server: original.message.to, message: inFlightMessage(original), notes: [], sent: [copy] });
    return { event, result: { copy } };
  },
};
