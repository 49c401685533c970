import { chromium, type Browser, type Locator } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';


export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The visible text of everything a locator matches (joined by new lines; empty when nothing matches). */
export const textOf = async (l: Locator) => (await l.allInnerTexts()).join('\n');

/**
 * Waits until the locator's text is `text` (trimmed) or matches it; playwright-core has no `expect`,
 * so this polls like Playwright Test's web-first assertions.
 */
export async function hasText(l: Locator, text: string | RegExp, opts: { timeout?: number } = {}): Promise<void> {
  const poll = expect.poll(async () => (await textOf(l)).trim(), { timeout: opts.timeout ?? 10_000 });
  if (typeof text === 'string') await poll.toBe(text);
  else await poll.toMatch(text);
}

/** Waits until the locator's text contains `text`. */
export async function contains(l: Locator, text: string, opts: { timeout?: number } = {}): Promise<void> {
  await expect.poll(() => textOf(l), { timeout: opts.timeout ?? 10_000 }).toContain(text);
}
