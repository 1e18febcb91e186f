/// <reference lib="webworker" />
/** The simulation worker: the cluster runs here, off the page's main thread. */
import * as Comlink from 'comlink';
import { SimHost } from './host';

Comlink.expose(new SimHost());
