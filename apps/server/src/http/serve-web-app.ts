import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

import { send } from '@koa/send';

import type { Logger } from '../logger';
import type { AppMiddleware } from './app-state';

export type ServeWebAppOptions = {
  /** The built web app (apps/web/dist); nothing is served unless it holds an index.html. */
  distDir: string | undefined;
  log: Logger;
};

const INDEX_FILE = 'index.html';

// Paths that belong to the API: an unknown one must stay a JSON 404, never the app's page.
const API_PREFIXES = ['/trpc', '/api', '/health'];

// Vite puts content-hashed file names under assets/, so they never change in place.
const HASHED_ASSETS_PREFIX = '/assets/';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** `/notes/123` is a page of the app; `/favicon.ico` or `/assets/x.js` is a file. */
function looksLikeFile(path: string): boolean {
  return basename(path).includes('.');
}

function wantsPage(accept: string): boolean {
  return accept.includes('text/html');
}

function isNotFound(error: unknown): boolean {
  return (error as { status?: unknown } | null)?.status === 404;
}

/**
 * Serves the built web app from the same origin as the API: its files at `/`, and
 * index.html for any other page a browser asks for, so a reload on a path the app
 * routes itself still works. API paths, other methods and non-browser requests
 * for unknown paths pass through to the 404 after it.
 */
export function serveWebApp({ distDir, log }: ServeWebAppOptions): AppMiddleware {
  if (!distDir || !existsSync(join(distDir, INDEX_FILE))) {
    log.info('web app not built: serving the API only (pnpm --filter @scoped-notes/web build)');

    return (_ctx, next) => next();
  }

  log.info({ webDistDir: distDir }, 'serving the web app at /');

  const sendFile = (ctx: Parameters<AppMiddleware>[0], path: string) =>
    send(ctx, path, {
      root: distDir,
      index: INDEX_FILE,
      maxage: path.startsWith(HASHED_ASSETS_PREFIX) ? ONE_YEAR_MS : 0,
      immutable: path.startsWith(HASHED_ASSETS_PREFIX),
      // The page names the current hashed assets, so it is checked again on every visit.
      setHeaders: (res, filePath) => {
        if (basename(filePath) === INDEX_FILE) res.setHeader('Cache-Control', 'no-cache');
      },
    });

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isApiPath(ctx.path)) return next();

    try {
      if (await sendFile(ctx, ctx.path)) return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }

    if (looksLikeFile(ctx.path) || !wantsPage(ctx.get('accept'))) return next();

    await sendFile(ctx, `/${INDEX_FILE}`);
  };
}
