/**
 * Share a run: a link that replays it exactly (the whole scenario rides in the
 * address's fragment, so it never reaches a server), or a .json file; and open
 * a file someone sent. Links and files are untrusted: anything wrong is said
 * in plain words and the current run stays.
 */
import { memo, useEffect, useId, useState, type ChangeEvent } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { encodeLink, exportScenarioFile, FILE_LIMITS, importScenarioFile } from '../../scenario';
import { explainRefusal, explainReplayFailure } from '../i18n/scenarioErrors';
import { Dialog } from './Dialog';
import { saveText } from '../download';
import type { HistoryFormat } from '../../worker/protocol';

const FILE_MB = Math.round(FILE_LIMITS.maxChars / (1024 * 1024));

const HISTORY_FILES: Record<HistoryFormat, { name: string; type: string }> = {
  shiviz: { name: 'raft-run.shiviz.log', type: 'text/plain' },
  porcupine: { name: 'raft-run.porcupine.json', type: 'application/json' },
  jepsen: { name: 'raft-run.jepsen.edn', type: 'application/edn' },
};

export const ShareDialog = memo(function ShareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const headingId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={headingId}>
      <h2 id={headingId}>{t('share.title')}</h2>
      <ShareBody onDone={onClose} />
    </Dialog>
  );
});

function ShareBody({ onDone }: { onDone: () => void }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const [link, setLink] = useState<string | null>(null);
  const [tooLong, setTooLong] = useState<{ chars: number; max: number } | null>(null);
  const [file, setFile] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const linkId = useId();
  const fileId = useId();

  useEffect(() => {
    let live = true;
    void (async () => {
      const s = await useStore.getState().exportScenario({ about: true });
      if (!live || !s) return;
      try {
        // A run too long for a link (the bound decoding applies too) is offered as a file instead.
        const encoded = encodeLink(s);
        if (encoded.ok) setLink(`${window.location.origin}${window.location.pathname}#s=${encoded.data}`);
        else setTooLong({ chars: encoded.chars, max: encoded.maxChars });
        setFile(exportScenarioFile(s));
      } catch (err) {
        // The file has a bound too (the importer's): a run over it is said so, not written.
        if (err instanceof RangeError && /too long for a file/.test(err.message)) setError(t('share.fileTooLong', { mb: FILE_MB }));
        else setError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  async function copy(): Promise<void> {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setStatus(t('share.copied'));
    } catch {
      setStatus(t('share.copyManually'));
      document.getElementById(linkId)?.focus();
      (document.getElementById(linkId) as HTMLInputElement | null)?.select();
    }
  }

  function download(): void {
    if (file) saveText(file, 'raft-run.json', 'application/json');
  }

  async function exportFor(format: HistoryFormat): Promise<void> {
    try {
      const text = await useStore.getState().exportHistory(format);
      if (text !== null) saveText(text, HISTORY_FILES[format].name, HISTORY_FILES[format].type);
    } catch (err) {
      setError(t('share.tools.failed', { error: err instanceof Error ? err.message : String(err) }));
    }
  }

  async function importFile(e: ChangeEvent<HTMLInputElement>): Promise<void> {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    // Bytes: a character takes up to 4 in UTF-8; importScenarioFile then checks the characters.
    if (f.size > 4 * FILE_LIMITS.maxChars) {
      setError(t('share.fileTooBig', { mb: FILE_MB }));
      return;
    }
    const parsed = importScenarioFile(await f.text());
    if (!parsed.ok) {
      setError(t('share.fileBad', { error: explainRefusal(lang, 'file', parsed.error) }));
      return;
    }
    let failure: string | null = null;
    const ok = await useStore.getState().loadScenario(parsed.scenario, (message) => (failure = message));
    if (!ok) {
      setError(failure === null ? t('share.fileBad', { error: '' }) : explainReplayFailure(lang, 'file', failure, parsed.scenario.actions));
      return;
    }
    onDone();
  }

  return (
    <div className="share">
      <p className="hint">{t('share.intro')}</p>
      <label htmlFor={linkId}>{t('share.link')}</label>
      <div className="share-row">
        <input id={linkId} className="mono" readOnly value={link ?? (tooLong ? t('share.noLink') : t('share.preparing'))} data-testid="share-link" onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={() => void copy()} disabled={!link} data-testid="share-copy">
          {t('share.copy')}
        </button>
      </div>
      <p className="hint" role="status" data-testid="share-status">
        {status ?? (link ? t('share.length', { n: link.length }) : tooLong ? t('share.tooLong', { n: tooLong.chars, max: tooLong.max }) : '')}
      </p>
      <div className="button-row">
        <button type="button" onClick={download} disabled={!file} data-testid="share-export">
          {t('share.export')}
        </button>
        <input id={fileId} className="visually-hidden" type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} data-testid="share-import" />
        <label className="file-button" htmlFor={fileId}>
          {t('share.import')}
        </label>
      </div>
      <h3 className="share-tools">{t('share.tools')}</h3>
      <p className="hint">{t('share.tools.hint')}</p>
      <div className="button-row">
        {(['shiviz', 'porcupine', 'jepsen'] as const).map((f) => (
          <button key={f} type="button" onClick={() => void exportFor(f)} data-testid={`share-history-${f}`}>
            {t(`share.tools.${f}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="share-error">
          {error}
        </p>
      )}
      <div className="button-row end">
        <button type="button" onClick={onDone}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
