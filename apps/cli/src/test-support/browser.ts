import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { tempDir } from './temp-dir.js';

/** Debian's chromium, installed by scripts/system-deps.sh. */
export const chromiumPath = process.env.HYPEROPT_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  return existsSync(chromiumPath) ? undefined : `no Chromium at ${chromiumPath} (install Debian's \`chromium\`: bash scripts/system-deps.sh)`;
}

/** Launches headless Chromium with a fresh profile (user data dir) and no background network traffic. */
export async function launchChromium(): Promise<BrowserContext> {
  const profile = join(tempDir('hyperopt-chromium-'), 'profile');
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
