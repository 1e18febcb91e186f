/**
 * The page's side of the worker boundary: starts the worker, checks the
 * protocol version and returns a typed, promise-based proxy.
 */
import * as Comlink from 'comlink';
import { PROTOCOL_VERSION, type SimApi } from './protocol';

export interface SimWorker {
  /** The typed proxy: each call runs in the worker and resolves with its result. */
  api: Comlink.Remote<SimApi>;
  terminate(): void;
}

export async function startSimWorker(): Promise<SimWorker> {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'raft-sim' });
  const api = Comlink.wrap<SimApi>(worker);
  const version = await api.protocolVersion();
  if (version !== PROTOCOL_VERSION) {
    worker.terminate();
    throw new Error(`The simulation worker speaks protocol ${version}, the page ${PROTOCOL_VERSION}: reload the page.`);
  }
  // Not merged into the proxy: setting a property on a Comlink proxy would be sent to the worker.
  return { api, terminate: () => worker.terminate() };
}
