import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const SHORTCUTS: Array<[string, MessageKey]> = [
  ['/', 'shortcuts.search'],
  ['↑ ↓  PgUp PgDn  Home End', 'shortcuts.move'],
  ['Enter', 'shortcuts.open'],
  ['Shift+Enter', 'shortcuts.openWindow'],
  ['Space', 'shortcuts.select'],
  ['Shift+↑ ↓ / Shift+click', 'shortcuts.range'],
  ['Ctrl+click', 'shortcuts.toggle'],
  ['Ctrl+A', 'shortcuts.selectAll'],
  ['Esc', 'shortcuts.clear'],
  ['Delete', 'shortcuts.trash'],
  ['Ctrl+Z', 'shortcuts.undo'],
  ['Ctrl+Alt+N', 'shortcuts.new'],
  ['Ctrl+,', 'shortcuts.settings'],
  ['F2 / Delete / Alt+↑ ↓', 'shortcuts.categories'],
];

/** The keyboard, written down: everything the library does has a key. */
export function ShortcutList() {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('shortcuts.title')}</h2>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={label} className="shortcut">
            <dt><kbd>{keys}</kbd></dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
