import { Writable } from 'node:stream';

import { createLogger, type Logger } from '../../src/logger';

export type LogLine = { level: number; msg?: string; [field: string]: unknown };

/** A real pino logger whose JSON lines are kept in memory for the test to read. */
export function capturedLogger(): { log: Logger; lines: LogLine[]; text: () => string } {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString('utf8');
      raw.push(text);
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });

  return { log: createLogger('debug', stream), lines, text: () => raw.join('') };
}
