import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Services } from '@scoped-notes/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApp } from '../src/app';
import { capturedLogger } from './support/log-lines';
import { listen } from './support/listen';

// No database here: only the app's files and the API paths it must leave alone.
const noServices = {} as Services;

const PAGE = '<!doctype html><title>notes</title><div id="root"></div>';
const SCRIPT = 'console.log("app")';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,*/*;q=0.8';

async function serve(webDistDir: string) {
  const captured = capturedLogger();
  const app = createApp({ config: { maxBodyBytes: 1024, webDistDir }, services: noServices, log: captured.log });

  return { ...(await listen(app.callback())), captured };
}

describe('serveWebApp', () => {
  let root: string;
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-dist-'));
    const dist = join(root, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), PAGE);
    await writeFile(join(dist, 'assets', 'index-3f9a1c.js'), SCRIPT);
    await writeFile(join(dist, '.secret'), 'hidden file');
    await writeFile(join(root, 'outside.txt'), 'not part of the app');

    ({ baseUrl, close } = await serve(dist));
  });

  afterAll(async () => {
    await close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html at / and tells the browser to check it again on every visit', async () => {
    const response = await fetch(`${baseUrl}/`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(PAGE);
  });

  it('serves hashed assets as immutable for a year', async () => {
    const response = await fetch(`${baseUrl}/assets/index-3f9a1c.js`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('max-age=31536000,immutable');
    expect(await response.text()).toBe(SCRIPT);
  });

  it('answers a page the app routes itself with index.html when a browser asks', async () => {
    const response = await fetch(`${baseUrl}/notes/some-id`, { headers: { accept: BROWSER_ACCEPT } });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(PAGE);
  });

  it('keeps the JSON 404 for unknown paths asked for by non-browsers and for missing files', async () => {
    const notAPage = await fetch(`${baseUrl}/notes/some-id`, { headers: { accept: 'application/json' } });
    const missingFile = await fetch(`${baseUrl}/assets/gone-123.js`, { headers: { accept: BROWSER_ACCEPT } });

    expect(notAPage.status).toBe(404);
    expect(await notAPage.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(missingFile.status).toBe(404);
    expect(await missingFile.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('never answers an API path with the page', async () => {
    for (const path of ['/api', '/api/notes/unknown', '/health/extra', '/trpc/']) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { accept: BROWSER_ACCEPT } });

      expect(await response.text(), path).not.toContain(PAGE);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('leaves other methods to the API', async () => {
    const response = await fetch(`${baseUrl}/`, { method: 'POST', headers: { accept: BROWSER_ACCEPT } });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('serves neither hidden files nor files outside the folder', async () => {
    const hidden = await fetch(`${baseUrl}/.secret`);
    const outside = await fetch(`${baseUrl}/%2e%2e/outside.txt`);

    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain('hidden file');
    expect(outside.status).toBeGreaterThanOrEqual(400);
    expect(await outside.text()).not.toContain('not part of the app');
  });

  it('serves nothing when the folder has no index.html, and says so in the log', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'web-dist-empty-'));
    const server = await serve(empty);

    try {
      const response = await fetch(`${server.baseUrl}/`, { headers: { accept: BROWSER_ACCEPT } });

      expect(response.status).toBe(404);
      expect(server.captured.text()).toContain('web app not built');
    } finally {
      await server.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
