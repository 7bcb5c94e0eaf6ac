import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Takes the place of the Node response when trpc-to-openapi answers a request, so
 * the REST mount can reshape what it wrote (status, headers, JSON text) before Koa
 * sends anything. It has only what that handler uses; `close` is passed on from the
 * real response so a call whose client went away is still aborted.
 */
export class CapturedResponse extends EventEmitter {
  statusCode = 200;
  writableEnded = false;
  text = '';
  readonly headers = new Map<string, string>();

  constructor(real: ServerResponse) {
    super();
    real.once('close', () => this.emit('close'));
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    this.headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));

    return this;
  }

  end(chunk?: string): this {
    this.text = chunk ?? '';
    this.writableEnded = true;

    return this;
  }

  /** What the handler wrote, as JSON; `undefined` when it wrote nothing. */
  json(): unknown {
    return this.text === '' ? undefined : JSON.parse(this.text);
  }
}
