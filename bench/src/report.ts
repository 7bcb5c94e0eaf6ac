import type { CommandCount } from './command-count';
import type { LoginBurst } from './event-loop-under-logins';
import type { LatencySummary } from './latency-summary';
import type { LayerCost, LayerQuery } from './layer-costs';
import type { Machine } from './machine';
import type { BenchSettings } from './settings';

export type Measured = {
  name: string;
  transport: string;
  concurrency: number;
  summary: LatencySummary;
  /** CPU time of the process doing the work (the server, or the bench for the raw driver) per answer. */
  cpuMsPerAnswer: number;
};

export type BenchReport = {
  settings: BenchSettings;
  machine: Machine;
  database: string;
  loadBefore: string;
  loadAfter: string;
  api: Measured[];
  driver: Measured[];
  bareHttp: Measured[];
  commands: CommandCount[] | string;
  logins: LoginBurst[];
  layers: LayerCost[];
};

export const DRIVER_TARGET = 0.7;
export const EVENT_LOOP_TARGET_MS = 50;
const TARGET_CONCURRENCY = 32;

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function measuredTable(rows: Measured[]): string {
  return table(
    ['case', 'via', 'concurrency', 'req/s', 'p50 ms', 'p99 ms', 'answered', 'failed', 'CPU ms per answer'],
    rows.map(({ name, transport, concurrency, summary, cpuMsPerAnswer }) => [
      name,
      transport,
      String(concurrency),
      fixed(summary.requestsPerSecond, 0),
      fixed(summary.p50, 2),
      fixed(summary.p99, 2),
      String(summary.count),
      String(summary.failures),
      fixed(cpuMsPerAnswer, 2),
    ]),
  );
}

function find(rows: Measured[], name: string, transport: string, concurrency: number): Measured | undefined {
  return rows.find((row) => row.name === name && row.transport === transport && row.concurrency === concurrency);
}

function driverRatios(report: BenchReport): string {
  const rows = report.settings.concurrencies.flatMap((concurrency) =>
    ['notes.list', 'notes.get', 'notes.create'].flatMap((name) =>
      ['tRPC', 'REST'].map((transport) => {
        const api = find(report.api, name, transport, concurrency);
        const driver = find(report.driver, name, 'mongodb driver', concurrency);
        const ratio = api && driver ? api.summary.requestsPerSecond / driver.summary.requestsPerSecond : Number.NaN;
        const cpuRatio = api && driver ? api.cpuMsPerAnswer / driver.cpuMsPerAnswer : Number.NaN;
        const targeted = concurrency === TARGET_CONCURRENCY && name !== 'notes.create';
        const verdict = !targeted ? '' : ratio >= DRIVER_TARGET ? 'meets ≥ 0.7' : 'MISSES ≥ 0.7';

        return [name, transport, String(concurrency), fixed(ratio, 2), verdict, fixed(cpuRatio, 1)];
      }),
    ),
  );

  const header = [
    'query',
    'via',
    'concurrency',
    'API / raw driver (req/s)',
    `target at ${TARGET_CONCURRENCY}`,
    'CPU per answer: server / driver client',
  ];

  return table(header, rows);
}

function bareHttpRatios(report: BenchReport): string {
  const rows = report.settings.concurrencies.flatMap((concurrency) =>
    ['notes.get', 'notes.list'].flatMap((name) =>
      ['tRPC', 'REST'].map((transport) => {
        const api = find(report.api, name, transport, concurrency);
        const bare = find(report.bareHttp, 'JSON answer', 'node:http', concurrency);
        const ratio = api && bare ? api.summary.requestsPerSecond / bare.summary.requestsPerSecond : Number.NaN;

        return [name, transport, String(concurrency), fixed(ratio, 3)];
      }),
    ),
  );

  return table(['request', 'via', 'concurrency', 'API / bare node:http'], rows);
}

function loginTable(report: BenchReport): string {
  return table(
    [
      'UV_THREADPOOL_SIZE',
      'threads',
      'hashes at once',
      'logins',
      'seconds',
      'logins/s',
      'login p50 ms',
      'login max ms',
      'loop p50 ms',
      'loop p99 ms',
      'loop max ms',
      'target',
    ],
    report.logins.map((burst) => [
      burst.threadPoolSize === undefined ? 'unset (libuv’s 4)' : String(burst.threadPoolSize),
      String(burst.loop.threads),
      burst.hashesAtOnce === undefined ? '?' : String(burst.hashesAtOnce),
      String(burst.logins),
      fixed(burst.seconds, 2),
      fixed(burst.logins / burst.seconds, 1),
      fixed(burst.loginP50, 0),
      fixed(burst.loginMax, 0),
      fixed(burst.loop.p50, 2),
      fixed(burst.loop.p99, 2),
      fixed(burst.loop.max, 2),
      burst.loop.p99 < EVENT_LOOP_TARGET_MS ? 'meets < 50 ms' : 'MISSES < 50 ms',
    ]),
  );
}

// The layers are measured at the highest concurrency of the run, as main.ts asks.
const layerConcurrency = (report: BenchReport) => Math.max(...report.settings.concurrencies);

/** Each layer's CPU per call, what it adds to the one before, and the whole server over HTTP last. */
function layerTable(report: BenchReport): string {
  const rowsFor = (query: LayerQuery) => {
    const layers = report.layers.filter((cost) => cost.query === query);
    const server = (transport: string) => find(report.api, query, transport, layerConcurrency(report));
    const steps = [
      ...layers.map((cost) => ({ name: cost.layer, micros: cost.cpuMicrosPerCall })),
      ...['tRPC', 'REST'].flatMap((transport) => {
        const measured = server(transport);

        return measured ? [{ name: `production server over HTTP, ${transport}`, micros: measured.cpuMsPerAnswer * 1000 }] : [];
      }),
    ];
    const procedure = layers.at(-1)?.cpuMicrosPerCall ?? Number.NaN;

    return steps.map((step, index) => {
      // Both HTTP rows add to the procedure, not to each other.
      const before = index === 0 ? Number.NaN : index < layers.length ? (steps[index - 1]?.micros ?? Number.NaN) : procedure;

      return [query, step.name, fixed(step.micros, 0), index === 0 ? '' : `+${fixed(step.micros - before, 0)}`];
    });
  };

  return table(['query', 'layer', 'CPU µs per call', 'added by the layer'], [...rowsFor('notes.get'), ...rowsFor('notes.list')]);
}

function commandTable(report: BenchReport): string {
  if (typeof report.commands === 'string') return report.commands;

  return table(
    ['request', 'requests', 'commands per request', 'target', 'commands', 'background in the same window'],
    report.commands.map((count) => [
      count.request,
      String(count.requests),
      fixed(count.perRequest, 2),
      count.perRequest === 1 ? 'meets = 1' : 'MISSES = 1',
      count.commands,
      count.background,
    ]),
  );
}

function machineLines(report: BenchReport): string {
  const { machine, settings } = report;

  return [
    `- machine: ${machine.cores} cores (nproc), ${machine.cpuModel}, ${machine.memoryGiB} GiB memory, ${machine.kernel}`,
    `- node ${machine.node}; database: ${report.database}`,
    '- server: `NODE_ENV=production node dist/main.js`, `LOG_LEVEL=info`, `UV_THREADPOOL_SIZE` unset (libuv’s 4) except in the sweep',
    `- load average (1, 5, 15 min): ${report.loadBefore} at the start, ${report.loadAfter} at the end`,
    `- ${settings.users} users × ${settings.notesPerUser} notes; ` +
      `${settings.durationSeconds} s per case after a ${settings.warmupSeconds} s warm-up; ` +
      `BCRYPT_COST ${settings.bcryptCost}; create cases stop at ${settings.createCap} notes`,
  ].join('\n');
}

/** The whole report as markdown: what was measured, on what, and against which targets. */
export function renderReport(report: BenchReport, date: Date): string {
  return [
    `### Run of ${date.toISOString()}`,
    machineLines(report),
    '#### API (production build, autocannon on 127.0.0.1)',
    measuredTable(report.api),
    '#### Baselines: the same queries through the raw mongodb driver, and a bare node:http JSON answer',
    measuredTable([...report.driver, ...report.bareHttp]),
    '#### API / raw driver (the API’s overhead over its one query)',
    driverRatios(report),
    '#### API / bare node:http (what the framework, validation, auth and database cost per request)',
    bareHttpRatios(report),
    `#### Where a request's CPU goes: the same query through each layer, ${layerConcurrency(report)} at a time`,
    layerTable(report),
    `#### Event loop while ${report.settings.concurrentLogins} logins run at once (BCRYPT_COST ${report.settings.bcryptCost})`,
    loginTable(report),
    '#### MongoDB commands per request, counted on the wire',
    commandTable(report),
  ].join('\n\n');
}
