import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_ROOT = fileURLToPath(new URL('../../apps/server/', import.meta.url));
export const PERFORMANCE_DOC = fileURLToPath(new URL('../../docs/PERFORMANCE.md', import.meta.url));
export const EVENT_LOOP_PROBE = fileURLToPath(new URL('./event-loop-probe.mjs', import.meta.url));
export const BARE_HTTP_SERVER = fileURLToPath(new URL('./bare-http-server.ts', import.meta.url));
