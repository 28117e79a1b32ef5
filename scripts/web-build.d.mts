export declare const CONFIG_FILES: readonly string[];
export declare function sourceFingerprint(root: string): string;
export declare function buildIsCurrent(root: string, fingerprint?: string): boolean;
export declare function ensureBuilt(root: string, build: () => boolean, options?: { force?: boolean }): 'reused' | 'built' | 'failed';
export declare function runElectronViteBuild(root: string): boolean;
