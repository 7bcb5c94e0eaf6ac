import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import { send } from '@koa/send';

import { answeredUnlessReading } from './answer-options';
import type { AppMiddleware } from './app-state';
import { restMethodRefusal } from './rest-errors';
import { OPENAPI_PATH } from './serve-openapi';

export const DOCS_PATH = '/api/docs';

// Swagger UI's files ship in the swagger-ui-dist package: the page works offline.
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_UI_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Scoped Notes API</title>
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="docs"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/start.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so a strict Content-Security-Policy can allow it.
// `validatorUrl: null` keeps Swagger UI from sending the document to an online validator.
const START_SCRIPT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: '#docs',
  deepLinking: true,
  persistAuthorization: true,
  tryItOutEnabled: true,
  displayRequestDuration: true,
  validatorUrl: null,
});
`;

/**
 * `GET /api/docs`: Swagger UI for `GET /api/openapi.json`, where a person can register,
 * log in, authorise with the token and try every call. Its scripts and styles are
 * served from node_modules, never a CDN.
 */
export function docsPage(): AppMiddleware {
  return async (ctx, next) => {
    const isPage = ctx.path === DOCS_PATH || ctx.path === `${DOCS_PATH}/`;
    const file = ctx.path.startsWith(`${DOCS_PATH}/`) ? ctx.path.slice(DOCS_PATH.length + 1) : '';
    const isStartScript = file === 'start.js';
    const isAsset = SWAGGER_UI_FILES.has(file);
    if (!isPage && !isStartScript && !isAsset) return next();

    if (answeredUnlessReading(ctx, restMethodRefusal(ctx.state.requestId))) return;

    if (isAsset) {
      await send(ctx, file, { root: SWAGGER_UI_DIR, maxage: ONE_DAY_MS });

      return;
    }

    ctx.set('Cache-Control', 'no-cache');
    ctx.type = isPage ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    ctx.body = isPage ? PAGE : START_SCRIPT;
  };
}
