import { forwardRef, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

const DEBOUNCE_MS = 250;

/**
 * The search box. Typing searches after a short pause (Enter searches at once, Escape clears);
 * the query language is explained one click away, in words an editor uses.
 */
export const SearchBox = forwardRef<HTMLInputElement, { value: string; onSearch(text: string): void; disabled?: boolean; disabledReason?: string }>(
  function SearchBox({ value, onSearch, disabled, disabledReason }, ref) {
    const { t } = useI18n();
    const [text, setText] = useState(value);
    const [help, setHelp] = useState(false);
    const helpId = useId();
    const boxRef = useRef<HTMLDivElement>(null);

    // The syntax help closes on Escape or a click elsewhere, like any popover.
    useEffect(() => {
      if (!help) return;
      const onPointer = (e: PointerEvent) => {
        if (!boxRef.current?.contains(e.target as Node)) setHelp(false);
      };
      const onKey = (e: KeyboardEvent) => {
        if (e.key === 'Escape') setHelp(false);
      };
      document.addEventListener('pointerdown', onPointer);
      document.addEventListener('keydown', onKey);
      return () => {
        document.removeEventListener('pointerdown', onPointer);
        document.removeEventListener('keydown', onKey);
      };
    }, [help]);
    const sent = useRef(value);

    // A filter chip or "clear filters" can change the query from outside.
    useEffect(() => {
      if (value !== sent.current) {
        sent.current = value;
        setText(value);
      }
    }, [value]);

    useEffect(() => {
      if (text === sent.current) return;
      const timer = window.setTimeout(() => {
        sent.current = text;
        onSearch(text);
      }, DEBOUNCE_MS);
      return () => window.clearTimeout(timer);
    }, [text, onSearch]);

    const now = (next: string) => {
      setText(next);
      sent.current = next;
      onSearch(next);
    };

    return (
      <div className="search-box" role="search" ref={boxRef}>
        <input
          ref={ref}
          type="search"
          className="search-input"
          aria-label={t('search.label')}
          aria-describedby={help ? helpId : undefined}
          placeholder={disabled ? (disabledReason ?? '') : t('search.placeholder')}
          title={disabled ? disabledReason : undefined}
          value={text}
          disabled={disabled}
          data-testid="search-input"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              now(text);
            } else if (e.key === 'Escape' && text) {
              e.preventDefault();
              e.stopPropagation();
              now('');
            }
          }}
        />
        <button type="button" className="icon" aria-expanded={help} aria-controls={helpId} aria-label={t('search.help')} title={t('search.help')} onClick={() => setHelp((h) => !h)}>
          ?
        </button>
        {help && (
          <div id={helpId} className="search-help popover">
            <p>{t('search.helpIntro')}</p>
            <dl>
              <dt><code>产业园 港口</code></dt><dd>{t('search.helpTerms')}</dd>
              <dt><code>"smart port"</code></dt><dd>{t('search.helpPhrase')}</dd>
              <dt><code>港口 -广州</code></dt><dd>{t('search.helpExclude')}</dd>
              <dt><code>深圳 OR 广州</code></dt><dd>{t('search.helpOr')}</dd>
              <dt><code>tag:新材料 category:广东产业信息</code></dt><dd>{t('search.helpTagCategory')}</dd>
              <dt><code>status:draft author:编辑部</code></dt><dd>{t('search.helpStatusAuthor')}</dd>
              <dt><code>after:2024-01 before:2024-07</code></dt><dd>{t('search.helpDates')}</dd>
            </dl>
          </div>
        )}
      </div>
    );
  },
);
