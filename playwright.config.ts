import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

/**
 * End-to-end tests drive real Chromium against browser mode (the real core behind the
 * loopback server). Debian's /usr/bin/chromium by default; COPYDESK_CHROMIUM overrides it,
 * and where neither exists Playwright's own browser (if installed) is used.
 */
const chromium = process.env.COPYDESK_CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  forbidOnly: true,
  // One retry: the shared two-core machines CI runs on stall a page now and then. A test that
  // passes only on its retry is listed as "flaky" in the report, and we treat that as a bug.
  retries: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
