import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { announceLibraryChange } from '../app/events';
import { useToast } from '../app/toasts';
import { useTaxonomy } from './TaxonomyProvider';
import { useTaxonomyChange } from './useTaxonomyChange';
import { CategoryTree, CATEGORY_DRAG_TYPE, draggedCategory } from './CategoryTree';
import { CategoryPicker } from './CategoryPicker';
import { breadcrumb, subtreeIds, type CategoryNode } from './categoryTree';

/** The core's slug rule (schemas.ts `Slug`), checked here so a typo is explained before the call. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Dialog = { kind: 'move' } | { kind: 'delete' } | { kind: 'merge' } | null;

/**
 * The category tree: create (top level or inside the selected one), rename, move (drag onto
 * another category or the top-level strip, or the keyboard picker; up/down among siblings), and
 * delete, choosing where its articles go. Each change is one contract call, one transaction.
 */
export function CategoryManager() {
  const { t } = useI18n();
  const toast = useToast();
  const { tree, error: loadError, reload } = useTaxonomy();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<Set<number> | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [newName, setNewName] = useState('');
  const [childName, setChildName] = useState('');
  const [rename, setRename] = useState('');
  const [slug, setSlug] = useState('');
  const { change, error, setError } = useTaxonomyChange();
  const [topDrop, setTopDrop] = useState(false);
  const renameInput = useRef<HTMLInputElement>(null);

  const node = selectedId !== null ? tree.byId.get(selectedId) ?? null : null;

  // Everything starts open: the tree of a news site is shallow and editors want to see it.
  useEffect(() => {
    if (expanded === null && tree.byId.size) setExpanded(new Set(tree.byId.keys()));
  }, [tree, expanded]);
  useEffect(() => {
    setRename(node?.category.name ?? '');
    setSlug(node?.category.slug ?? '');
    setError(null);
  }, [node?.category.id, node?.category.name, node?.category.slug]);
  useEffect(() => {
    if (selectedId !== null && !tree.byId.has(selectedId)) setSelectedId(null);
  }, [tree, selectedId]);

  const reveal = (id: number) => {
    setExpanded((e) => {
      const next = new Set(e ?? []);
      let n = tree.byId.get(id)?.parent ?? null;
      while (n) {
        next.add(n.category.id);
        n = n.parent;
      }
      return next;
    });
  };

  const create = async (name: string, parentId: number | null) => {
    setError(null);
    try {
      const c = await call('categories.create', { name, parentId });
      announceLibraryChange();
      // Select it once the tree holds it (a selection the tree lacks is dropped).
      await reload();
      toast({ message: t('taxonomy.created', { name: breadcrumb(c.path) }) });
      setSelectedId(c.id);
      if (parentId !== null) setExpanded((e) => new Set([...(e ?? []), parentId]));
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };

  const moveTo = (id: number, parentId: number | null, position?: number) => {
    const name = tree.byId.get(id)?.category.name ?? '';
    const where = parentId === null ? t('taxonomy.topLevel') : breadcrumb(tree.byId.get(parentId)?.category.path ?? []);
    return change(
      async () => {
        await call('categories.move', { id, parentId, ...(position !== undefined ? { position } : {}) });
        if (parentId !== null) setExpanded((e) => new Set([...(e ?? []), parentId]));
      },
      t('taxonomy.moved', { name, where }),
    );
  };

  const siblings = (n: CategoryNode): CategoryNode[] => (n.parent ? n.parent.children : tree.roots);
  const reorder = (n: CategoryNode, delta: number) => {
    const list = siblings(n);
    const at = list.indexOf(n);
    const to = at + delta;
    if (to < 0 || to >= list.length) return;
    void moveTo(n.category.id, n.category.parentId, to);
  };

  const excludeForMove = useMemo(() => (node ? new Set(subtreeIds(node)) : new Set<number>()), [node]);

  const canDrop = (dragId: number, targetId: number) => {
    const dragged = tree.byId.get(dragId);
    return !!dragged && !subtreeIds(dragged).includes(targetId) && dragged.category.parentId !== targetId;
  };

  const onTreeKey = (e: React.KeyboardEvent) => {
    if (!node) return;
    if (e.key === 'F2') {
      e.preventDefault();
      renameInput.current?.focus();
      renameInput.current?.select();
    } else if (e.key === 'Delete') {
      e.preventDefault();
      setDialog({ kind: 'delete' });
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      reorder(node, e.key === 'ArrowUp' ? -1 : 1);
    }
  };

  return (
    <section className="panel category-manager" aria-labelledby="categories-heading" data-testid="category-manager">
      <h2 id="categories-heading">{t('taxonomy.categories')}</h2>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (newName.trim() && (await create(newName.trim(), null))) setNewName('');
        }}
      >
        <label className="visually-hidden" htmlFor="new-category">{t('taxonomy.newTopLevel')}</label>
        <input id="new-category" value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={t('taxonomy.newTopLevel')} maxLength={100} />
        <button type="submit" disabled={!newName.trim()}>{t('taxonomy.add')}</button>
      </form>

      {(error || loadError) && <p role="alert" className="error">{error ?? loadError}</p>}

      <div className="category-layout">
        <div className="category-tree-box" onKeyDown={onTreeKey}>
          <div
            className={`top-drop${topDrop ? ' drop-target' : ''}`}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(CATEGORY_DRAG_TYPE)) return;
              const dragging = draggedCategory();
              if (dragging !== null && tree.byId.get(dragging)?.category.parentId === null) return;
              e.preventDefault();
              setTopDrop(true);
            }}
            onDragLeave={() => setTopDrop(false)}
            onDrop={(e) => {
              e.preventDefault();
              setTopDrop(false);
              const id = Number(e.dataTransfer.getData(CATEGORY_DRAG_TYPE));
              if (id && tree.byId.get(id)?.category.parentId !== null) void moveTo(id, null);
            }}
            data-testid="top-level-drop"
          >
            {t('taxonomy.dropTopLevel')}
          </div>
          {tree.roots.length === 0 ? (
            <p className="muted">{t('taxonomy.noCategories')}</p>
          ) : (
            <CategoryTree
              label={t('taxonomy.categories')}
              testId="category-tree"
              roots={tree.roots}
              selectedId={selectedId}
              onSelect={setSelectedId}
              expanded={expanded ?? new Set()}
              onExpandedChange={setExpanded}
              renderMeta={(n) => (
                <span className="count" title={t('taxonomy.countTitle', { direct: n.category.articleCount, total: n.total })}>
                  {n.category.articleCount}{n.total !== n.category.articleCount ? ` / ${n.total}` : ''}
                </span>
              )}
              drag={{ canDrop, onDrop: (dragId, targetId) => void moveTo(dragId, targetId) }}
            />
          )}
          <p className="muted small">{t('taxonomy.treeHint')}</p>
        </div>

        <div className="category-details" aria-live="polite">
          {!node ? (
            <p className="muted">{t('taxonomy.selectCategory')}</p>
          ) : (
            <>
              <h3 className="breadcrumb" data-testid="category-breadcrumb">{breadcrumb(node.category.path)}</h3>
              <p className="muted small">
                {`/${node.category.slugPath.join('/')}`} · {t('taxonomy.articleCounts', { direct: node.category.articleCount, total: node.total })}
              </p>

              <form
                className="inline-form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const name = rename.trim();
                  if (!name || name === node.category.name) return;
                  await change(() => call('categories.rename', { id: node.category.id, name }), t('taxonomy.renamed', { name }));
                }}
              >
                <label htmlFor="rename-category">{t('taxonomy.rename')}</label>
                <input id="rename-category" ref={renameInput} value={rename} onChange={(e) => setRename(e.target.value)} maxLength={100} />
                <button type="submit" disabled={!rename.trim() || rename.trim() === node.category.name}>{t('common.save')}</button>
              </form>

              <form
                className="inline-form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const next = slug.trim();
                  if (!next || next === node.category.slug) return;
                  if (!SLUG.test(next)) return setError(t('taxonomy.slugInvalid'));
                  await change(() => call('categories.rename', { id: node.category.id, name: node.category.name, slug: next }), t('taxonomy.slugChanged', { slug: next }));
                }}
              >
                <label htmlFor="category-slug">{t('taxonomy.slug')}</label>
                <input id="category-slug" value={slug} onChange={(e) => setSlug(e.target.value)} maxLength={90} spellCheck={false} aria-describedby="category-slug-hint" />
                <button type="submit" disabled={!slug.trim() || slug.trim() === node.category.slug}>{t('common.save')}</button>
              </form>
              <p id="category-slug-hint" className="muted small">{t('taxonomy.slugHint')}</p>

              <form
                className="inline-form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (childName.trim() && (await create(childName.trim(), node.category.id))) setChildName('');
                }}
              >
                <label htmlFor="new-subcategory">{t('taxonomy.newSub')}</label>
                <input id="new-subcategory" value={childName} onChange={(e) => setChildName(e.target.value)} maxLength={100} />
                <button type="submit" disabled={!childName.trim()}>{t('taxonomy.add')}</button>
              </form>

              <div className="button-row">
                <button type="button" onClick={() => setDialog({ kind: 'move' })}>{t('taxonomy.moveTo')}…</button>
                <button type="button" onClick={() => reorder(node, -1)} disabled={siblings(node)[0] === node} title="Alt+↑">{t('taxonomy.moveUp')}</button>
                <button type="button" onClick={() => reorder(node, 1)} disabled={siblings(node).at(-1) === node} title="Alt+↓">{t('taxonomy.moveDown')}</button>
                <button type="button" onClick={() => setDialog({ kind: 'merge' })} data-testid="category-merge">{t('taxonomy.merge')}…</button>
                <button type="button" className="danger" onClick={() => setDialog({ kind: 'delete' })}>{t('taxonomy.delete')}…</button>
              </div>
            </>
          )}
        </div>
      </div>

      {dialog?.kind === 'move' && node && (
        <CategoryPicker
          title={t('taxonomy.moveTitle', { name: node.category.name })}
          confirmLabel={t('taxonomy.moveHere')}
          noneLabel={t('taxonomy.topLevel')}
          exclude={excludeForMove}
          initialId={node.category.parentId}
          onPick={async (parentId) => {
            if (parentId === node.category.parentId) return;
            reveal(node.category.id);
            await call('categories.move', { id: node.category.id, parentId });
            announceLibraryChange();
            if (parentId !== null) setExpanded((e) => new Set([...(e ?? []), parentId]));
            toast({ message: t('taxonomy.moved', { name: node.category.name, where: parentId === null ? t('taxonomy.topLevel') : breadcrumb(tree.byId.get(parentId)?.category.path ?? []) }) });
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'merge' && node && (
        <CategoryPicker
          title={t('taxonomy.mergeTitle', { name: breadcrumb(node.category.path) })}
          intro={<p className="confirm-message">{node.children.length ? t('taxonomy.mergeExplain', { n: node.total, children: node.children.length }) : t('taxonomy.mergeExplainLeaf', { n: node.total })}</p>}
          confirmLabel={t('taxonomy.mergeConfirm')}
          exclude={excludeForMove}
          onPick={async (into) => {
            if (into === null) return;
            const r = await call('categories.merge', { id: node.category.id, into });
            announceLibraryChange();
            reveal(into);
            setSelectedId(into);
            toast({ message: t('taxonomy.merged', { name: node.category.name, into: breadcrumb(r.category.path), n: r.moved }) });
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && node && (
        <CategoryPicker
          title={t('taxonomy.deleteTitle', { name: breadcrumb(node.category.path) })}
          intro={
            <div className="confirm-message">
              <p>{t('taxonomy.deleteArticles', { n: node.category.articleCount })}</p>
              {node.children.length > 0 && (
                <p>{t('taxonomy.deleteChildren', { n: node.children.length, parent: node.parent ? breadcrumb(node.parent.category.path) : t('taxonomy.topLevel') })}</p>
              )}
            </div>
          }
          confirmLabel={t('taxonomy.deleteConfirm')}
          noneLabel={t('library.uncategorised')}
          exclude={new Set([node.category.id])}
          initialId={node.category.parentId}
          onPick={async (reassignTo) => {
            const r = await call('categories.delete', { id: node.category.id, reassignTo });
            announceLibraryChange();
            setSelectedId(null);
            toast({ message: t('taxonomy.deleted', { name: node.category.name, n: r.reassigned }) });
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
