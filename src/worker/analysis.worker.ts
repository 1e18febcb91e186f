/// <reference lib="webworker" />
/** The analysis worker: searches and experiments run here, off the page and off the simulation worker. */
import * as Comlink from 'comlink';
import { AnalysisHost } from './analysisHost';

Comlink.expose(new AnalysisHost());
