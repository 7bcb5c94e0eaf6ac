import { describe, expect, it } from 'vitest';

import { describeDevice } from '../src/sessions/describe-device';

describe('describeDevice(userAgent)', () => {
  it('names the browser and the system', () => {
    const chromeOnLinux = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    const safariOnIPhone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

    expect(describeDevice(chromeOnLinux)).toBe('Chrome on Linux');
    expect(describeDevice(safariOnIPhone)).toBe('Safari on iOS');
  });

  it('says “another app” for a program that is not a browser, and admits when it cannot tell', () => {
    expect(describeDevice('node')).toBe('Another app');
    expect(describeDevice(null)).toBe('An unknown device');
    expect(describeDevice('')).toBe('An unknown device');
  });
});
