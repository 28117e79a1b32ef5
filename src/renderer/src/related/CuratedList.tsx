import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ArticleSummary } from './ArticleBits';
import type { ListedArticle } from './useRelated';

/** Where a drop would put the dragged item: before or after the item under the pointer. */
type DropAt = { id: number; after: boolean } | null;

export function moveItem(order: number[], id: number, to: number): number[] {
  const rest = order.filter((x) => x !== id);
  const at = Math.max(0, Math.min(rest.length, to));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/**
 * The curated 相关文章 list, in the order the site shows it. Reorder by dragging an item, or by
 * keyboard: each item takes focus, Alt+↑ / Alt+↓ moves it (focus stays on it, and the new
 * position is announced), Delete removes it. The small buttons do the same for a mouse.
 */
export function CuratedList(props: {
  links: ListedArticle[];
  onReorder(order: number[], moved: ListedArticle, position: number): void;
  onRemove(article: ListedArticle): void;
}) {
  const { t } = useI18n();
  const hintId = useId();
  const items = useRef(new Map<number, HTMLLIElement>());
  const [focusAfter, setFocusAfter] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<DropAt>(null);
  const order = props.links.map((l) => l.id);

  // After a keyboard move the item is re-rendered elsewhere: give it focus back.
  useEffect(() => {
    if (focusAfter === null) return;
    items.current.get(focusAfter)?.focus();
    setFocusAfter(null);
  }, [focusAfter, props.links]);

  const moveBy = (link: ListedArticle, delta: number) => {
    const from = order.indexOf(link.id);
    const to = from + delta;
    if (to < 0 || to >= order.length) return;
    props.onReorder(moveItem(order, link.id, to), link, to);
    setFocusAfter(link.id);
  };

  const onKeyDown = (e: React.KeyboardEvent, link: ListedArticle, index: number) => {
    if (e.target !== e.currentTarget) return; // keys inside the item's own buttons and links
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      moveBy(link, e.key === 'ArrowUp' ? -1 : 1);
    } else if (!e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      items.current.get(order[index + (e.key === 'ArrowUp' ? -1 : 1)] ?? -1)?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items.current.get(order[e.key === 'Home' ? 0 : order.length - 1] ?? -1)?.focus();
    } else if (e.key === 'Delete') {
      e.preventDefault();
      const next = order[index + 1] ?? order[index - 1];
      props.onRemove(link);
      if (next !== undefined) setFocusAfter(next);
    } else if (e.key === 'Enter') {
      window.location.hash = `#/article/${link.id}`;
    }
  };

  const drop = () => {
    if (dragging === null || !dropAt || dropAt.id === dragging) return;
    const rest = order.filter((x) => x !== dragging);
    const target = rest.indexOf(dropAt.id) + (dropAt.after ? 1 : 0);
    const moved = props.links.find((l) => l.id === dragging)!;
    props.onReorder(moveItem(order, dragging, target), moved, target);
  };

  if (props.links.length === 0) return <p className="muted rel-empty">{t('related.listEmpty')}</p>;
  return (
    <>
      <p id={hintId} className="muted small rel-hint">{t('related.listHint')}</p>
      <ol className="rel-list rel-curated" aria-describedby={hintId} data-testid="related-list">
        {props.links.map((link, index) => {
          const title = link.title || t('library.untitled');
          const dropClass = dropAt?.id === link.id && dragging !== link.id ? (dropAt.after ? ' drop-after' : ' drop-before') : '';
          return (
            <li
              key={link.id}
              ref={(el) => {
                if (el) items.current.set(link.id, el);
                else items.current.delete(link.id);
              }}
              className={`rel-item${dragging === link.id ? ' dragging' : ''}${dropClass}`}
              tabIndex={0}
              draggable
              data-id={link.id}
              data-testid="related-item"
              onKeyDown={(e) => onKeyDown(e, link, index)}
              onDragStart={(e) => {
                setDragging(link.id);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', String(link.id));
              }}
              onDragOver={(e) => {
                if (dragging === null) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                const box = e.currentTarget.getBoundingClientRect();
                const after = e.clientY > box.top + box.height / 2;
                if (dropAt?.id !== link.id || dropAt.after !== after) setDropAt({ id: link.id, after });
              }}
              onDrop={(e) => {
                e.preventDefault();
                drop();
                setDragging(null);
                setDropAt(null);
              }}
              onDragEnd={() => {
                setDragging(null);
                setDropAt(null);
              }}
            >
              <span className="rel-handle" aria-hidden="true" title={t('related.dragHandle', { title })}>⠿</span>
              <span className="rel-pos">{index + 1}<span className="visually-hidden">.</span></span>
              <span className="rel-body">
                <ArticleSummary article={link} />
                {(link.reciprocal || link.alsoInText) && (
                  <span className="rel-marks">
                    {link.reciprocal && <span className="rel-mark" title={t('related.reciprocalTitle')}>⇄ {t('related.reciprocalMark')}</span>}
                    {link.alsoInText && <span className="rel-mark">{t('related.inTextMark')}</span>}
                  </span>
                )}
              </span>
              <span className="rel-actions">
                <button type="button" className="icon" tabIndex={-1} disabled={index === 0} aria-label={`${t('related.moveUp')}: ${title}`} title={`${t('related.moveUp')} (Alt+↑)`} onClick={() => moveBy(link, -1)}>↑</button>
                <button type="button" className="icon" tabIndex={-1} disabled={index === props.links.length - 1} aria-label={`${t('related.moveDown')}: ${title}`} title={`${t('related.moveDown')} (Alt+↓)`} onClick={() => moveBy(link, 1)}>↓</button>
                <button type="button" className="icon" tabIndex={-1} aria-label={t('related.removeNamed', { title })} title={`${t('related.remove')} (Delete)`} data-testid="related-remove" onClick={() => props.onRemove(link)}>×</button>
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
