/**
 * The Experiments view (issue 14): Figure 16 of the paper reproduced — time to
 * elect a new leader after the leader crashes, 5 servers, the paper's
 * election-timeout ranges — run in the analysis worker with progress and
 * Cancel, drawn as cumulative curves with the paper's numbers marked, and
 * exported as CSV or SVG.
 */
import { useId, useRef, useState } from 'react';
import { electionExperimentCsv, PAPER_FIGURE_16, type TimeoutRange } from '../../analysis';
import { useStore } from '../../store';
import { Dialog } from '../controls/Dialog';
import { saveText } from '../download';
import { formatCount, useT } from '../i18n';
import { CdfChart, rangeName, type ReferenceMark } from './CdfChart';
import './Experiments.css';

/** The paper's eleven ranges; 150–300 is in both graphs and runs once. */
const RANGES: TimeoutRange[] = [...PAPER_FIGURE_16.top, ...PAPER_FIGURE_16.bottom.filter((r) => !(r[0] === 150 && r[1] === 300))];

export function ExperimentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const headingId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={headingId} className="experiment-dialog">
      <h2 id={headingId}>{t('exp.title')}</h2>
      {open && <ExperimentBody />}
      <button type="button" onClick={onClose}>
        {t('exp.close')}
      </button>
    </Dialog>
  );
}

function ExperimentBody() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const job = useStore((s) => s.analysis.experiment);
  const run = useStore((s) => s.runExperiment);
  const cancel = useStore((s) => s.cancelAnalysis);
  const [latencyMin, setLatencyMin] = useState('1');
  const [latencyMax, setLatencyMax] = useState('3');
  const [trials, setTrials] = useState('200');
  const [problem, setProblem] = useState<string | null>(null);
  const chart = useRef<SVGSVGElement>(null);
  const ids = useId();
  const n = (x: number) => formatCount(x, lang);

  function start(): void {
    const lo = Number(latencyMin);
    const hi = Number(latencyMax);
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi && hi <= 1_000)) {
      setProblem(t('exp.badLatency'));
      return;
    }
    setProblem(null);
    void run({ timeoutRangesMs: RANGES, trials: Number(trials), servers: PAPER_FIGURE_16.servers, latencyMs: [lo, hi], seed: 1 });
  }

  const result = job.result;
  const marks: ReferenceMark[] = PAPER_FIGURE_16.reference.flatMap((ref) => {
    const label = (what: string, ms: number) => `${t('exp.paper')} ${rangeName(ref.range)} ${what} ${ms}`;
    const out: ReferenceMark[] = [];
    if ('meanMs' in ref) out.push({ range: ref.range, ms: ref.meanMs, label: label(t('exp.mean'), ref.meanMs) });
    if ('worstMs' in ref) out.push({ range: ref.range, ms: ref.worstMs, label: label(t('exp.worst'), ref.worstMs) });
    return out;
  });
  return (
    <div className="experiment-body">
      <p className="hint">{t('exp.intro')}</p>
      <div className="experiment-form">
        <label htmlFor={`${ids}-lo`}>{t('exp.latencyMin')}</label>
        <input id={`${ids}-lo`} type="number" min={0} value={latencyMin} onChange={(e) => setLatencyMin(e.target.value)} data-testid="experiment-latency-min" />
        <label htmlFor={`${ids}-hi`}>{t('exp.latencyMax')}</label>
        <input id={`${ids}-hi`} type="number" min={0} value={latencyMax} onChange={(e) => setLatencyMax(e.target.value)} data-testid="experiment-latency-max" />
        <label htmlFor={`${ids}-trials`}>{t('exp.trials')}</label>
        <select id={`${ids}-trials`} value={trials} onChange={(e) => setTrials(e.target.value)} data-testid="experiment-trials">
          {['20', '100', '200', '1000'].map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        {job.status === 'running' ? (
          <button type="button" onClick={() => cancel('experiment')} data-testid="experiment-cancel">
            {t('exp.cancel')}
          </button>
        ) : (
          <button type="button" onClick={start} data-testid="experiment-run">
            {t('exp.run')}
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {job.status === 'running' && (
        <p role="status" data-testid="experiment-progress">
          {t('exp.progress', { done: n(job.progress?.trialsDone ?? 0), total: n(job.progress?.trialsTotal ?? RANGES.length * Number(trials)) })}
        </p>
      )}
      {job.status === 'cancelled' && (
        <p role="status" data-testid="experiment-cancelled">
          {t('exp.cancelled')}
        </p>
      )}
      {job.status === 'error' && (
        <p role="alert" className="error">
          {job.error}
        </p>
      )}
      <p className="hint">{t('exp.latencyNote')}</p>
      {result && job.status === 'done' && (
        <>
          <CdfChart ref={chart} ranges={result.ranges} marks={marks} xLabel={t('exp.xLabel')} yLabel={t('exp.yLabel')} title={t('exp.title')} />
          <table className="experiment-table" data-testid="experiment-table">
            <thead>
              <tr>
                {['exp.col.range', 'exp.col.mean', 'exp.col.median', 'exp.col.p95', 'exp.col.worst', 'exp.col.noLeader'].map((k) => (
                  <th key={k}>{t(k)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.ranges.map((r) => (
                <tr key={rangeName(r.range)}>
                  <td>{rangeName(r.range)}</td>
                  <td>{Number.isFinite(r.meanMs) ? r.meanMs : '–'}</td>
                  <td>{Number.isFinite(r.medianMs) ? r.medianMs : '–'}</td>
                  <td>{Number.isFinite(r.p95Ms) ? r.p95Ms : '–'}</td>
                  <td>{Number.isFinite(r.worstMs) ? r.worstMs : '–'}</td>
                  <td>{r.noLeader}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="experiment-exports">
            <button type="button" onClick={() => saveText(electionExperimentCsv(result.ranges), 'raft-figure16.csv', 'text/csv')} data-testid="experiment-csv">
              {t('exp.csv')}
            </button>
            <button
              type="button"
              onClick={() => chart.current && saveText(new XMLSerializer().serializeToString(chart.current), 'raft-figure16.svg', 'image/svg+xml')}
              data-testid="experiment-svg"
            >
              {t('exp.svg')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
