// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before any
// signing, and reads them back so a build whose fuses did not take fails instead of shipping.
// Needs @electron/fuses (a devDependency to add on the packaging machine; see docs/PACKAGING.md).
'use strict';
const path = require('node:path');

/** The fuses Copydesk ships with, and why. */
function wantedFuses(FuseV1Options) {
  return {
    // The binary must not double as a general Node.js runtime (ELECTRON_RUN_AS_NODE).
    [FuseV1Options.RunAsNode]: false,
    // Cookies and other session data on disk are encrypted with an OS-held key.
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS / NODE_EXTRA_CA_CERTS cannot inject code or flags into the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // --inspect and friends cannot attach a debugger to the main process.
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // app.asar is checked against the hash embedded at build time (macOS and Windows; Linux
    // has no support in Electron yet, where the fuse is inert).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // Only app.asar is loaded: no app/ folder or loose files beside it can replace the app.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  };
}

function electronBinary(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, packager.executableName || productFilename);
}

exports.wantedFuses = wantedFuses;
exports.electronBinary = electronBinary;

exports.default = async function afterPack(context) {
  let fuses;
  try {
    fuses = await import('@electron/fuses');
  } catch {
    throw new Error('Copydesk packaging needs @electron/fuses to set Electron fuses: run `npm install --save-dev @electron/fuses` on the packaging machine (see docs/PACKAGING.md).');
  }
  const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options, FuseState } = fuses;
  const binary = electronBinary(context);
  const wanted = wantedFuses(FuseV1Options);
  // electron-builder's Arch enum: arm64 is 3. An ad-hoc signature must be redone after flipping on Apple silicon.
  const isAppleSilicon = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(binary, { version: FuseVersion.V1, resetAdHocDarwinSignature: isAppleSilicon, ...wanted });

  const wire = await getCurrentFuseWire(binary);
  const wrong = Object.entries(wanted).filter(([option, on]) => wire[option] !== (on ? FuseState.ENABLE : FuseState.DISABLE));
  if (wrong.length) {
    throw new Error(`Electron fuses did not take in ${binary}: ${wrong.map(([o]) => FuseV1Options[o] ?? o).join(', ')}`);
  }
  console.log(`  • Electron fuses set in ${path.basename(binary)}: ${Object.entries(wanted).map(([o, on]) => `${FuseV1Options[o] ?? o}=${on ? 'on' : 'off'}`).join(', ')}`);
};
