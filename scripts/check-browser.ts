/**
 * The browser tests drive a Chromium that is already on the machine
 * (CHROMIUM_PATH, else Debian's /usr/bin/chromium); no browser is ever
 * downloaded. Run first by `npm test`: when that Chromium is missing it prints
 * one plain line with the command that installs it and exits with 1, before
 * anything else runs. Prints nothing when the browser is there.
 */
import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The Chromium the browser tests use (playwright.config.ts reads it from here). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

/** The one line to show when that Chromium cannot be started, or null when it can. */
export function missingBrowserMessage(env: NodeJS.ProcessEnv = process.env, isRoot = process.getuid?.() === 0): string | null {
  const path = chromiumPath(env);
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    const install = `${isRoot ? '' : 'sudo '}apt-get install chromium`;
    return env.CHROMIUM_PATH
      ? `Chromium niet gevonden op ${path} (CHROMIUM_PATH). Installeer het met: ${install} (en laat CHROMIUM_PATH leeg), of zet CHROMIUM_PATH op een Chromium die er wel is.`
      : `Chromium niet gevonden op ${path}; de browsertests hebben het nodig. Installeer het met: ${install}`;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const message = missingBrowserMessage();
  if (message) {
    console.error(message);
    process.exit(1);
  }
}
