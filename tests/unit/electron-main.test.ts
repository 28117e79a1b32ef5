// The main process's own logic, in Node without the Electron binary: window state on changed
// monitors, the recent-library list (also the allow-list for reopening), the menu's shape, the
// bounded flush handshake, quit hooks, and the library session over real library files.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fitToDisplays, readWindowState, writeWindowState } from '../../src/main/window-state.js';
import { MAX_RECENT, isOnRecentList, readRecent, withRecent, writeRecent } from '../../src/main/recent-libraries.js';
import { buildMenuTemplate, type MenuActions } from '../../src/main/menu.js';
import { FlushCoordinator } from '../../src/main/flush.js';
import { onQuit, runQuitHooks } from '../../src/main/quit-hooks.js';
import { LibrarySession } from '../../src/main/library-session.js';
import { electronNativeBindingPath, findElectronNativeBinding } from '../../src/main/native-binding.js';
import { dispatch } from '../../src/core/api/dispatch.js';
import { tempDir } from './helpers.js';

const dirs: string[] = [];
function scratch(): string {
  const d = tempDir('copydesk-electron-');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('window state', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 875 };
  const external = { x: 1440, y: 0, width: 2560, height: 1400 };

  it('keeps a position that is still on a screen', () => {
    const fitted = fitToDisplays({ x: 1600, y: 100, width: 1200, height: 800, maximized: false }, [laptop, external]);
    expect(fitted).toEqual({ x: 1600, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('drops a position left on a monitor that is gone, so the window opens centred', () => {
    const fitted = fitToDisplays({ x: 1600, y: 100, width: 1200, height: 800 }, [laptop]);
    expect(fitted.x).toBeUndefined();
    expect(fitted.y).toBeUndefined();
    expect(fitted.width).toBe(1200);
  });

  it('drops a position whose title bar is above or beside every screen', () => {
    expect(fitToDisplays({ x: 100, y: -500, width: 800, height: 600 }, [laptop]).y).toBeUndefined();
    expect(fitToDisplays({ x: -790, y: 100, width: 800, height: 600 }, [laptop]).x).toBeUndefined();
    // Mostly off to the left but with enough title bar on screen to grab: kept.
    expect(fitToDisplays({ x: -600, y: 100, width: 800, height: 600 }, [laptop]).x).toBe(-600);
  });

  it('clamps a size larger than any screen and smaller than usable', () => {
    expect(fitToDisplays({ width: 9000, height: 9000 }, [laptop])).toMatchObject({ width: 1440, height: 875 });
    expect(fitToDisplays({ width: 10, height: 10 }, [laptop])).toMatchObject({ width: 640, height: 420 });
    expect(fitToDisplays(null, [laptop])).toMatchObject({ width: 1280, height: 820 });
  });

  it('round-trips through its file, and a damaged file means defaults', () => {
    const file = path.join(scratch(), 'sub', 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 10, y: 20, width: 900, height: 700, maximized: true });
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: true });
    fs.writeFileSync(file, '{"width": "huge"');
    expect(readWindowState(file)).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ width: 800, height: 600, x: 'left', y: null }));
    expect(readWindowState(file)).toEqual({ width: 800, height: 600, maximized: false });
  });
});

describe('recent libraries', () => {
  it('newest first, no duplicates, bounded', () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = withRecent(list, `/libs/${i}.sqlite`);
    list = withRecent(list, '/libs/7.sqlite');
    expect(list[0]).toBe(path.resolve('/libs/7.sqlite'));
    expect(list.length).toBe(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
  });

  it('is the allow-list for reopening: only listed absolute paths pass', () => {
    const list = withRecent([], '/libs/news.sqlite');
    expect(isOnRecentList(list, '/libs/news.sqlite')).toBe(true);
    expect(isOnRecentList(list, '/libs/../libs/news.sqlite')).toBe(true); // same file, normalised
    expect(isOnRecentList(list, '/etc/passwd')).toBe(false);
    expect(isOnRecentList(list, 'libs/news.sqlite')).toBe(false);
  });

  it('survives its file: relative or non-string entries and damage are dropped', () => {
    const file = path.join(scratch(), 'recent.json');
    writeRecent(file, ['/a.sqlite', '/b.sqlite']);
    expect(readRecent(file)).toEqual(['/a.sqlite', '/b.sqlite']);
    fs.writeFileSync(file, JSON.stringify(['/ok.sqlite', 'relative.sqlite', 42, null]));
    expect(readRecent(file)).toEqual(['/ok.sqlite']);
    fs.writeFileSync(file, 'not json');
    expect(readRecent(file)).toEqual([]);
  });
});

describe('application menu', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    newArticle: () => calls.push('new'),
    openLibrary: () => calls.push('open'),
    createLibrary: () => calls.push('create'),
    openRecent: (p) => calls.push(`recent ${p}`),
    clearRecent: () => calls.push('clear'),
    openArticleInNewWindow: () => calls.push('window'),
  };
  type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void; enabled?: boolean; checked?: boolean };
  const find = (items: Item[], label: string) => items.find((i) => i.label === label);

  it('File holds New Article, Open Library…, Open Recent › and Open Article in New Window', () => {
    calls.length = 0;
    const menu = buildMenuTemplate({ platform: 'linux', appName: 'Copydesk', recent: ['/l/a.sqlite', '/l/b.sqlite'], currentLibrary: '/l/a.sqlite', isDev: false, actions }) as Item[];
    const file = find(menu, 'File')!.submenu!;
    for (const label of ['New Article', 'Open Library…', 'New Library…', 'Open Recent', 'Open Article in New Window']) expect(find(file, label), label).toBeDefined();
    find(file, 'New Article')!.click!();
    find(file, 'Open Library…')!.click!();
    find(file, 'Open Article in New Window')!.click!();
    const recent = find(file, 'Open Recent')!.submenu!;
    recent[1]!.click!();
    expect(recent[0]!.checked).toBe(true);
    expect(calls).toEqual(['new', 'open', 'window', 'recent /l/b.sqlite']);
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('uses the platform roles: app menu on macOS, edit/window menus everywhere, dev tools only in development', () => {
    const mac = buildMenuTemplate({ platform: 'darwin', appName: 'Copydesk', recent: [], currentLibrary: null, isDev: false, actions }) as Item[];
    expect(mac[0]!.role).toBe('appMenu');
    const roles = mac.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['appMenu', 'editMenu', 'windowMenu', 'help']));
    const linux = buildMenuTemplate({ platform: 'linux', appName: 'Copydesk', recent: [], currentLibrary: null, isDev: false, actions }) as Item[];
    expect(linux.some((i) => i.role === 'appMenu')).toBe(false);
    const view = (m: Item[]) => find(m, 'View')!.submenu!.map((i) => i.role);
    expect(view(linux)).not.toContain('toggleDevTools');
    const dev = buildMenuTemplate({ platform: 'linux', appName: 'Copydesk', recent: [], currentLibrary: null, isDev: true, actions }) as Item[];
    expect(view(dev)).toContain('toggleDevTools');
    expect(find(find(linux, 'File')!.submenu!, 'Open Recent')!.submenu![0]).toMatchObject({ enabled: false });
  });
});

describe('flush on close', () => {
  it('resolves when the page acknowledges', async () => {
    const flush = new FlushCoordinator();
    let sent = '';
    const pending = flush.request((id) => {
      sent = id;
    }, 5_000);
    expect(flush.waiting).toBe(1);
    expect(flush.acknowledge('someone-else')).toBe(false);
    expect(flush.acknowledge(sent)).toBe(true);
    expect(await pending).toBe('flushed');
    expect(flush.acknowledge(sent)).toBe(false); // a repeated answer is ignored
    expect(flush.waiting).toBe(0);
  });

  it('gives up after the time limit, so a hung page cannot block closing', async () => {
    const flush = new FlushCoordinator();
    const started = Date.now();
    expect(await flush.request(() => {}, 50)).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(flush.waiting).toBe(0);
  });

  it('a page that is already gone counts as nothing to wait for', async () => {
    const flush = new FlushCoordinator();
    expect(await flush.request(() => { throw new Error('destroyed'); }, 60_000)).toBe('timeout');
  });
});

describe('quit hooks', () => {
  it('run in order with the open library; a failing or hanging hook does not stop the others', async () => {
    const seen: string[] = [];
    const logs: string[] = [];
    onQuit('first', () => { seen.push('first'); });
    onQuit('broken', () => { throw new Error('no space'); });
    onQuit('hung', () => new Promise(() => {}));
    onQuit('last', ({ libraryPath }) => { seen.push(`last ${libraryPath}`); });
    await runQuitHooks({ libraryPath: '/l.sqlite', db: null as never }, 50, (m) => logs.push(m));
    expect(seen).toEqual(['first', 'last /l.sqlite']);
    expect(logs.join('\n')).toMatch(/"broken" failed: no space/);
    expect(logs.join('\n')).toMatch(/"hung" failed: timed out/);
  });
});

describe('library session (real library files)', () => {
  it('a library the app creates starts with the welcome articles; File › New Library starts empty', async () => {
    const dir = scratch();
    const session = new LibrarySession({});
    await session.open(path.join(dir, 'first.sqlite'));
    const stats = await dispatch(session.context!, 'library.stats', {});
    expect(stats.ok && (stats.data as { articles: number }).articles).toBeGreaterThan(0);
    await session.open(path.join(dir, 'empty.sqlite'), { seedIfNew: false });
    const empty = await dispatch(session.context!, 'library.stats', {});
    expect(empty).toMatchObject({ ok: true, data: { articles: 0 } });
    // Reopening an existing library never seeds it again.
    await session.open(path.join(dir, 'first.sqlite'));
    const again = await dispatch(session.context!, 'library.stats', {});
    expect(again).toEqual(stats);
    session.close();
    expect(session.context).toBeNull();
  });

  it('a refused file leaves the current library open and the file untouched', async () => {
    const dir = scratch();
    const session = new LibrarySession({});
    const good = path.join(dir, 'good.sqlite');
    await session.open(good, { seedIfNew: false });
    const junk = path.join(dir, 'junk.sqlite');
    const bytes = Buffer.from('this is not a database, just some text that happens to be long enough. '.repeat(4));
    fs.writeFileSync(junk, bytes);
    await expect(session.open(junk)).rejects.toThrow(/not a Copydesk library/);
    expect(session.path).toBe(good);
    const r = await dispatch(session.context!, 'articles.create', { title: 'still works' });
    expect(r.ok).toBe(true);
    expect(fs.readFileSync(junk)).toEqual(bytes);
    session.close();
  });
});

describe('Electron-ABI better-sqlite3', () => {
  it('is looked for in .electron-native/ only when unpackaged, and only used when present', () => {
    const root = scratch();
    expect(findElectronNativeBinding(root, false)).toBeUndefined();
    const binding = electronNativeBindingPath(root);
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.writeFileSync(binding, '');
    expect(findElectronNativeBinding(root, false)).toBe(binding);
    expect(findElectronNativeBinding(root, true)).toBeUndefined();
    expect(binding).toContain(path.join('.electron-native', 'better-sqlite3', 'build', 'Release'));
  });
});
