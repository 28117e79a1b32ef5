import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, makes the rest of the
 * page inert and closes on Escape. Mount it to open it; unmounting closes it and gives focus back
 * to whatever had it before.
 */
export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (previous && previous.isConnected) previous.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${props.className ?? ''}`}
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(e) => {
        // Escape: let React decide (unmounting closes the element).
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">{props.title}</h2>
      <div className="dialog-body">{props.children}</div>
      {props.footer && <div className="dialog-actions">{props.footer}</div>}
    </dialog>
  );
}

/**
 * "Are you sure?" for actions that cannot be undone. The confirm button says what will happen
 * ("Delete forever"), never just "OK"; a failure from the core stays in the dialog.
 */
export function ConfirmDialog(props: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<void> | void;
  onClose(): void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId={props.testId ?? 'confirm-dialog'}
      footer={
        <>
          <button type="button" onClick={props.onClose} autoFocus>{t('common.cancel')}</button>
          <button type="button" className={props.danger ? 'danger-solid' : 'primary'} onClick={confirm} disabled={busy}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm-message">{props.message}</div>
      {error && <p role="alert" className="error">{error}</p>}
    </Dialog>
  );
}
