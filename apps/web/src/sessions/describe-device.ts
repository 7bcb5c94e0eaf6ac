import Bowser from 'bowser';

/** "Chrome on Linux" for a browser's User-Agent; a plain phrase when there is none to read. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'An unknown device';

  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return 'Another app';

  return os.name ? `${browser.name} on ${os.name}` : browser.name;
}
