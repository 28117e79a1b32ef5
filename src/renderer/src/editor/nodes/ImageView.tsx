import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import { CLICK_COMMAND, COMMAND_PRIORITY_LOW, getComposedEventTarget, mergeRegister, type NodeKey } from 'lexical';
import { assetUrl } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

interface Props {
  nodeKey: NodeKey;
  sha256: string | null;
  src: string;
  altText: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
}

/**
 * How an image looks in the editor: the picture (a library asset through `assetUrl`, or, for an
 * external reference the page's CSP will not load, a labelled placeholder), its caption and
 * credit, and a warning when alt text is missing. Clicking selects it; its fields are edited in
 * the image details panel (plugins/ImagePlugin), outside the editable text, so typing there
 * never reaches the editor.
 */
export function ImageView({ nodeKey, sha256, src, altText, caption, credit, width, height }: Props) {
  const { t } = useI18n();
  const [editor] = useLexicalComposerContext();
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);

  useEffect(() => mergeRegister(
    editor.registerCommand(CLICK_COMMAND, (event: MouseEvent) => {
      const root = editor.getElementByKey(nodeKey);
      const target = getComposedEventTarget(event);
      if (root && target instanceof Node && root.contains(target)) {
        if (!event.shiftKey) clearSelection();
        setSelected(true);
        return true;
      }
      return false;
    }, COMMAND_PRIORITY_LOW),
  ), [editor, nodeKey, setSelected, clearSelection]);

  const ratio = width && height ? `${width} / ${height}` : undefined;
  return (
    <figure className={`ed-figure${isSelected ? ' selected' : ''}`} data-testid="image-figure" data-sha256={sha256 ?? ''}>
      {sha256 ? (
        <img
          className="ed-figure-img"
          src={assetUrl(sha256)}
          alt={altText}
          width={width ?? undefined}
          height={height ?? undefined}
          style={{ aspectRatio: ratio }}
          draggable={false}
        />
      ) : (
        <div className="ed-figure-external" title={src}>
          {t('image.external', { host: hostOf(src) })}
        </div>
      )}
      {(caption || credit) && (
        <figcaption className="ed-figcaption">
          {caption && <span className="ed-caption">{caption}</span>}
          {credit && <span className="ed-credit">{credit}</span>}
        </figcaption>
      )}
      {!altText.trim() && <span className="ed-figure-noalt">{t('image.noAlt')}</span>}
    </figure>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 60);
  }
}
