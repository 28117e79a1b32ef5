#!/usr/bin/env node
// The copydesk CLI runs the TypeScript core directly through tsx, so it never goes stale
// against the sources and needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli/entry.ts');
