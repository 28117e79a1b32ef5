import { useEffect, useRef, useState, type ReactNode } from 'react';
import { visibleNodes, type CategoryNode } from './categoryTree';

export const CATEGORY_DRAG_TYPE = 'application/x-copydesk-category';

/**
 * The category being dragged. During dragover the browser hides the drag data (only its types
 * are readable), so the tree remembers what it started dragging to refuse impossible targets.
 */
let dragging: number | null = null;
export const draggedCategory = (): number | null => dragging;

export interface CategoryTreeProps {
  label: string;
  roots: CategoryNode[];
  selectedId: number | null;
  onSelect(id: number): void;
  expanded: ReadonlySet<number>;
  onExpandedChange(next: Set<number>): void;
  /** Shown after the name (counts). */
  renderMeta?(node: CategoryNode): ReactNode;
  /** Drag a category onto another to make it a sub-category (the manager only). */
  drag?: { canDrop(dragId: number, targetId: number): boolean; onDrop(dragId: number, targetId: number): void };
  testId?: string;
}

/**
 * The category tree as a WAI-ARIA tree: one tab stop; Up/Down move, Right opens or enters,
 * Left closes or goes to the parent, Home/End, Enter or Space selects; clicks do the same.
 */
export function CategoryTree(props: CategoryTreeProps) {
  const { roots, expanded } = props;
  const visible = visibleNodes(roots, expanded);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const wantFocus = useRef(false);

  const tabbableId =
    focusedId !== null && visible.some((n) => n.category.id === focusedId) ? focusedId
    : props.selectedId !== null && visible.some((n) => n.category.id === props.selectedId) ? props.selectedId
    : visible[0]?.category.id ?? null;

  useEffect(() => {
    if (!wantFocus.current || tabbableId === null) return;
    wantFocus.current = false;
    treeRef.current?.querySelector<HTMLElement>(`[data-category-id="${tabbableId}"]`)?.focus();
  }, [tabbableId, focusedId]);

  const moveFocus = (id: number) => {
    wantFocus.current = true;
    setFocusedId(id);
  };

  const setOpen = (id: number, open: boolean) => {
    const next = new Set(expanded);
    if (open) next.add(id);
    else next.delete(id);
    props.onExpandedChange(next);
  };

  const onKeyDown = (e: React.KeyboardEvent, node: CategoryNode) => {
    // Modified keys (Alt+↑ to reorder, shortcuts) belong to whoever hosts the tree.
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const id = node.category.id;
    const at = visible.findIndex((n) => n.category.id === id);
    const open = expanded.has(id);
    switch (e.key) {
      case 'ArrowDown': if (at < visible.length - 1) moveFocus(visible[at + 1]!.category.id); break;
      case 'ArrowUp': if (at > 0) moveFocus(visible[at - 1]!.category.id); break;
      case 'Home': if (visible[0]) moveFocus(visible[0].category.id); break;
      case 'End': if (visible.length) moveFocus(visible[visible.length - 1]!.category.id); break;
      case 'ArrowRight':
        if (node.children.length && !open) setOpen(id, true);
        else if (node.children.length) moveFocus(node.children[0]!.category.id);
        break;
      case 'ArrowLeft':
        if (node.children.length && open) setOpen(id, false);
        else if (node.parent) moveFocus(node.parent.category.id);
        break;
      case 'Enter':
      case ' ':
        props.onSelect(id);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const renderNode = (node: CategoryNode): ReactNode => {
    const id = node.category.id;
    const open = expanded.has(id);
    const hasChildren = node.children.length > 0;
    const labelId = `cat-${props.testId ?? 'tree'}-${id}`;
    return (
      <li
        key={id}
        role="treeitem"
        aria-level={node.depth + 1}
        aria-expanded={hasChildren ? open : undefined}
        aria-selected={props.selectedId === id}
        aria-labelledby={labelId}
        tabIndex={tabbableId === id ? 0 : -1}
        data-category-id={id}
        onKeyDown={(e) => onKeyDown(e, node)}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setFocusedId(id);
        }}
        draggable={props.drag ? true : undefined}
        onDragStart={props.drag ? (e) => {
          e.stopPropagation();
          e.dataTransfer.setData(CATEGORY_DRAG_TYPE, String(id));
          e.dataTransfer.effectAllowed = 'move';
          dragging = id;
        } : undefined}
        onDragEnd={props.drag ? () => { dragging = null; } : undefined}
      >
        <div
          className={`tree-row${props.selectedId === id ? ' selected' : ''}${dropTarget === id ? ' drop-target' : ''}`}
          style={{ paddingLeft: `${node.depth * 16 + 4}px` }}
          onClick={(e) => {
            e.stopPropagation();
            setFocusedId(id);
            props.onSelect(id);
          }}
          onDragOver={props.drag ? (e) => {
            if (!e.dataTransfer.types.includes(CATEGORY_DRAG_TYPE)) return;
            if (dragging !== null && !props.drag!.canDrop(dragging, id)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            setDropTarget(id);
          } : undefined}
          onDragLeave={props.drag ? () => setDropTarget((t) => (t === id ? null : t)) : undefined}
          onDrop={props.drag ? (e) => {
            e.preventDefault();
            e.stopPropagation();
            setDropTarget(null);
            const dragId = Number(e.dataTransfer.getData(CATEGORY_DRAG_TYPE));
            if (dragId && props.drag!.canDrop(dragId, id)) props.drag!.onDrop(dragId, id);
          } : undefined}
        >
          <span
            className={`twisty${hasChildren ? '' : ' leaf'}`}
            aria-hidden="true"
            onClick={(e) => {
              if (!hasChildren) return;
              e.stopPropagation();
              setOpen(id, !open);
            }}
          >
            {hasChildren ? (open ? '▾' : '▸') : ''}
          </span>
          <span id={labelId} className="tree-label">{node.category.name}</span>
          {props.renderMeta && <span className="tree-meta">{props.renderMeta(node)}</span>}
        </div>
        {hasChildren && open && <ul role="group">{node.children.map(renderNode)}</ul>}
      </li>
    );
  };

  return (
    <ul ref={treeRef} role="tree" aria-label={props.label} className="tree" data-testid={props.testId}>
      {roots.map(renderNode)}
    </ul>
  );
}
