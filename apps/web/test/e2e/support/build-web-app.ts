import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'vite';
import type { TestProject } from 'vitest/node';

import { hasChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The freshly built app, or null when there is no browser to test it with. */
    webDistDir: string | null;
  }
}

const WEB_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds the app from the current source into a folder of its own, so the tests
 * never serve a stale apps/web/dist, and never write to it.
 */
export default async function buildWebApp(project: TestProject) {
  if (!hasChromium) {
    project.provide('webDistDir', null);

    return;
  }

  const outDir = await mkdtemp(join(tmpdir(), 'scoped-notes-web-'));
  await build({
    root: WEB_ROOT,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    // Vite takes NODE_ENV=test (set by Vitest) to mean a development build: ask for
    // React's production build and JSX, as `vite build` makes them.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { development: false } },
  });
  project.provide('webDistDir', outDir);

  return () => rm(outDir, { recursive: true, force: true });
}
