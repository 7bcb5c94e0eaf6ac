import helmet from 'koa-helmet';

import type { AppMiddleware } from './app-state';

/**
 * helmet's security headers on every response (HSTS, nosniff, frame and referrer
 * policies, cross-origin isolation of resources), with a Content-Security-Policy
 * that allows only this origin: the web app and the Swagger UI page load their
 * scripts, styles and fonts from the server itself and call nothing else.
 */
export function securityHeaders(): AppMiddleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The same rule for browsers that predate frame-ancestors.
    xFrameOptions: { action: 'deny' },
  });
}
