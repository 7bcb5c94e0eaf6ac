import { EnvError, loadEnv, type ServerConfig } from './env';
import { createLogger } from './logger';
import { startServer } from './server';

function readConfig(): ServerConfig {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;

    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = readConfig();
const log = createLogger(config.logLevel);
const starting = startServer(config, { log });

// A Ctrl-C reaches this process twice when a wrapper (pnpm, tsx) forwards the
// terminal's SIGINT, which the whole process group also receives: a repeat this
// soon is the same request, not an impatient second one.
const REPEATED_SIGNAL_MS = 1_000;
let stoppingSince: number | undefined;

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  if (stoppingSince !== undefined) {
    if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;

    log.warn({ signal }, 'second signal: exiting without waiting');
    process.exit(1);
  }

  stoppingSince = Date.now();
  log.info({ signal }, 'signal received');

  try {
    const server = await starting;
    await server.close();
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}

process.on('SIGTERM', (signal) => void shutDown(signal));
process.on('SIGINT', (signal) => void shutDown(signal));

starting.catch((error: unknown) => {
  log.fatal({ err: error }, 'could not start the server');
  process.exit(1);
});
