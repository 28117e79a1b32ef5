// The packaging configuration cannot be built here (electron-builder downloads Electron), so
// this checks what can be checked without it: the config's shape, and that the afterPack hook
// asks for exactly the fuses Copydesk promises.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  afterPack: string;
  linux: { target: string[]; executableName: string; icon: string };
}

describe('electron-builder configuration', () => {
  const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

  it('builds AppImage and deb of Copydesk from out/, with the native module outside the asar', () => {
    expect(config.productName).toBe('Copydesk');
    expect(config.appId).toMatch(/^[a-z]+(\.[A-Za-z]+)+$/);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.files).toContain('out/**/*');
    expect(config.files.some((f) => f.includes('.electron-native'))).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack.some((p) => p.endsWith('*.node'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, config.linux.icon))).toBe(true);
    // The window icon the main process loads (resources/icon.png) must be packaged too.
    expect(config.linux.icon.startsWith('resources/')).toBe(true);
    expect(config.files).toContain('resources/**/*');
    expect(fs.readFileSync(path.join(ROOT, 'src/main/index.ts'), 'utf8')).toContain("path.join(appRoot, 'resources', 'icon.png')");
    // package.json's main must be inside what is packaged.
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('the afterPack hook sets RunAsNode off, cookie encryption on, ASAR integrity and ASAR-only on, NODE_OPTIONS and inspect off', () => {
    const hook = require(path.join(ROOT, config.afterPack)) as {
      default: unknown;
      wantedFuses: (o: Record<string, string>) => Record<string, boolean>;
      electronBinary: (c: unknown) => string;
    };
    expect(typeof hook.default).toBe('function');
    // The option enum stands in by name, so the assertion reads as the promise does.
    const names = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar'];
    const wanted = hook.wantedFuses(Object.fromEntries(names.map((n) => [n, n])));
    expect(wanted).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
    const packager = { appInfo: { productFilename: 'Copydesk' }, executableName: 'copydesk' };
    expect(hook.electronBinary({ electronPlatformName: 'linux', appOutDir: '/o', packager })).toBe(path.join('/o', 'copydesk'));
    expect(hook.electronBinary({ electronPlatformName: 'darwin', appOutDir: '/o', packager })).toBe(path.join('/o', 'Copydesk.app'));
    expect(hook.electronBinary({ electronPlatformName: 'win32', appOutDir: '/o', packager })).toBe(path.join('/o', 'Copydesk.exe'));
  });

  it('the hook flips the fuses in a real Electron binary (where @electron/fuses and the binary exist)', async (ctx) => {
    let fusesPath: string | null = null;
    try {
      fusesPath = require.resolve('@electron/fuses');
    } catch {
      /* not installed */
    }
    const distDir = path.join(ROOT, 'node_modules/electron/dist');
    if (!fusesPath || !fs.existsSync(path.join(distDir, 'electron'))) {
      console.log('skipped: needs @electron/fuses and the Electron binary, neither of which can be installed here; packaging is documented in docs/PACKAGING.md');
      ctx.skip();
    }
    const os = await import('node:os');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-fuses-'));
    try {
      fs.copyFileSync(path.join(distDir, 'electron'), path.join(out, 'copydesk'));
      const hook = require(path.join(ROOT, config.afterPack)) as { default: (c: unknown) => Promise<void> };
      await hook.default({ electronPlatformName: 'linux', arch: 1, appOutDir: out, packager: { appInfo: { productFilename: 'Copydesk' }, executableName: 'copydesk' } });
      const { getCurrentFuseWire, FuseV1Options, FuseState } = (await import(fusesPath!)) as {
        getCurrentFuseWire: (p: string) => Promise<Record<string, number>>;
        FuseV1Options: Record<string, number>;
        FuseState: Record<string, number>;
      };
      const wire = await getCurrentFuseWire(path.join(out, 'copydesk'));
      expect(wire[FuseV1Options.RunAsNode!]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(FuseState.ENABLE);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
