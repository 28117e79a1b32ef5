import { useEffect, useState, type RefObject } from 'react';
import { HISTORY_PUSH_TAG, type LexicalEditor } from 'lexical';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { runChecks, type CheckInput, type Finding } from '../../../../core/content/checks';
import { runChecksAsync } from './runChecksAsync';
import { internalLinkTargets } from '../../../../core/content/links';
import type { SerializedEditorState } from '../../../../core/content/lexical-json';
import { linkStates } from './linkStates';
import { onLibraryChange } from '../../app/events';
import { $fixHalfWidthPunctuation } from './fixPunctuation';

const DEBOUNCE_MS = 600;

/**
 * Runs the copy-desk checks a moment after the text or metadata stops changing: in a worker
 * (or an idle callback), off the typing path and never inside a save (the save path never
 * waits for them).
 * Link targets are looked up first so links to trashed or unpublished articles are caught.
 */
export function useChecks(input: Omit<CheckInput, 'linkStates'> & { tick: number }): Finding[] | null {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [libraryTick, setLibraryTick] = useState(0);
  useEffect(() => onLibraryChange(() => setLibraryTick((n) => n + 1)), []);
  const { body, excerpt, excerptIsManual, categoryId, tagCount, tick } = input;
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(async () => {
      const targets = internalLinkTargets(body as SerializedEditorState);
      const states = targets.length ? await linkStates(targets) : new Map();
      if (!live) return;
      const found = await runChecksAsync({ body: body as SerializedEditorState, excerpt, excerptIsManual, categoryId, tagCount, linkStates: states });
      if (live) setFindings(found);
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [body, excerpt, excerptIsManual, categoryId, tagCount, tick, libraryTick]);
  return findings;
}

const KIND_KEYS: Record<Finding['kind'], MessageKey> = {
  'repeated-passage': 'checks.repeated-passage',
  'repeated-paragraph': 'checks.repeated-paragraph',
  'mixed-punctuation': 'checks.mixed-punctuation',
  'image-without-alt': 'checks.image-without-alt',
  'missing-excerpt': 'checks.missing-excerpt',
  'missing-category': 'checks.missing-category',
  'missing-tags': 'checks.missing-tags',
  'long-paragraph': 'checks.long-paragraph',
  placeholder: 'checks.placeholder',
  'broken-link': 'checks.broken-link',
};

export function findingText(f: Finding, t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  const params = { ...f.params };
  if (f.kind === 'broken-link') params.state = t(`checks.state.${String(f.params.state)}` as MessageKey);
  if (f.kind === 'missing-excerpt' && f.severity === 'warning') return t('checks.missing-excerpt-empty');
  if (f.kind === 'repeated-passage' && f.params.paragraph === f.params.firstParagraph) return t('checks.repeated-within', params);
  return t(KIND_KEYS[f.kind], params);
}

export function ChecksPanel({ findings, onSelect, editorRef }: {
  findings: Finding[] | null;
  onSelect: (f: Finding) => void;
  /** The body's editor, for the fix-alls. */
  editorRef: RefObject<LexicalEditor | null>;
}) {
  const { t } = useI18n();
  const [fixed, setFixed] = useState<number | null>(null);
  if (!findings) return <p className="muted small">{t('checks.running')}</p>;
  const warnings = findings.filter((f) => f.severity === 'warning');
  const infos = findings.filter((f) => f.severity === 'info');
  const punctuation = findings.filter((f) => f.kind === 'mixed-punctuation').length;

  /** One update with its own history entry: one Ctrl+Z puts every mark back. */
  const fixPunctuation = () => {
    const editor = editorRef.current;
    if (!editor) return;
    let n = 0;
    editor.update(() => {
      n = $fixHalfWidthPunctuation();
    }, { tag: HISTORY_PUSH_TAG, onUpdate: () => {
      setFixed(n);
      // Back to the text, so Ctrl+Z (or typing on) works at once.
      editor.focus(undefined, { defaultSelection: 'rootStart' });
    } });
  };

  /**
   * The list is a moment behind the typing (it is recomputed after a pause): a text finding is
   * looked up afresh in the text as it is now, so a click selects exactly the characters it
   * names, not what its old offsets point at. Gone (already fixed): nothing to select.
   */
  const select = (f: Finding) => {
    const editor = editorRef.current;
    // Link findings need the targets' states, looked up asynchronously: those keep their offsets.
    if (f.at.kind !== 'text' || f.kind === 'broken-link' || !editor) return onSelect(f);
    const at = f.at;
    const body = editor.getEditorState().toJSON() as unknown as CheckInput['body'];
    const fresh = runChecks({ body, excerpt: '', excerptIsManual: false, categoryId: null, tagCount: 0 })
      .filter((x) => x.kind === f.kind && x.at.kind === 'text' && x.at.path.join('.') === at.path.join('.'));
    const nearest = fresh.sort((a, b) => Math.abs(startOf(a) - at.start) - Math.abs(startOf(b) - at.start))[0];
    if (nearest) onSelect(nearest);
  };

  return (
    <div className="checks-panel" data-testid="checks-panel">
      {findings.length === 0 && <p className="checks-clean">{t('checks.clean')}</p>}
      {punctuation > 0 && (
        <div className="checks-fixall">
          <button type="button" data-testid="fix-all-punctuation" onClick={fixPunctuation}>
            {t('checks.fixAllPunctuation')}
          </button>
          <span className="muted small">{t('checks.fixAllPunctuationHint', { n: punctuation })}</span>
        </div>
      )}
      {fixed !== null && <p className="muted small" role="status" data-testid="checks-fixed">{t('checks.fixedPunctuation', { n: fixed })}</p>}
      <ul className="findings">
        {[...warnings, ...infos].map((f) => (
          <li key={f.id}>
            <button type="button" className={`finding ${f.severity}`} data-kind={f.kind} data-testid="finding" onClick={() => select(f)}>
              <span className="finding-kind">{t(`checks.kind.${f.kind}` as MessageKey)}</span>
              <span className="finding-text">{findingText(f, t)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const startOf = (f: Finding) => (f.at.kind === 'text' ? f.at.start : 0);
