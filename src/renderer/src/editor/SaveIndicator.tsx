import { useI18n } from '../i18n/i18n';
import type { SaveState } from './useAutosave';

/** Always-visible save state, announced politely to screen readers; a failure says why. */
export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useI18n();
  const text =
    state.kind === 'saved' ? t('save.saved')
    : state.kind === 'saving' ? t('save.saving')
    : state.kind === 'dirty' ? t('save.dirty')
    : state.kind === 'failed' ? t(state.retrying ? 'save.failed' : 'save.failedNoRetry', { reason: state.reason })
    : t('save.conflict');
  return (
    <span className={`save-state save-${state.kind}`} role="status" aria-live="polite" data-testid="save-state" data-state={state.kind}>
      {text}
      {state.kind === 'failed' && <button type="button" className="link-button" onClick={onRetry}>{t('save.retryNow')}</button>}
    </span>
  );
}
