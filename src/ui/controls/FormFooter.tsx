/**
 * The end of a settings form, shared by the dialogs (cluster settings, network,
 * change membership): what was wrong, said where the eye is when Apply did
 * nothing, then Cancel and Apply.
 */
import { useT } from '../i18n';

export function FormFooter({
  error,
  errorId,
  errorTestId,
  onCancel,
  applyLabel,
  applyTestId,
  disabled = false,
}: {
  /** The reason the last Apply was refused, in the reader's language (null: none). */
  error: string | null;
  /** For aria-describedby on the fields the error is about. */
  errorId?: string;
  errorTestId?: string;
  onCancel: () => void;
  applyLabel: string;
  applyTestId: string;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <>
      {error && (
        <p id={errorId} className="form-error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      <div className="button-row end">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={disabled} data-testid={applyTestId}>
          {applyLabel}
        </button>
      </div>
    </>
  );
}
