/** The keyboard shortcut list, opened with "?" or the help button. */
import { memo, useId } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';

export const HelpOverlay = memo(function HelpOverlay() {
  const t = useT();
  const open = useStore((s) => s.ui.helpOpen);
  const headingId = useId();
  const close = () => useStore.getState().setHelpOpen(false);
  return (
    <Dialog open={open} onClose={close} labelledBy={headingId} className="help">
      <h2 id={headingId}>{t('help.title')}</h2>
      <p>{t('help.intro')}</p>
      <p>{t('help.fields')}</p>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((k) => (
            <tr key={k.label}>
              <td>
                <kbd>{k.label}</kbd>
              </td>
              <td>{t(k.help)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row end">
        <button type="button" className="primary" onClick={close} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
});
