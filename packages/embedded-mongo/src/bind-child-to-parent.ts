import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// mongodb-memory-server ships this watchdog for its own mongod: it polls both
// pids every 2 s and kills the child once the parent is gone.
const WATCHDOG_SCRIPT = require.resolve('mongodb-memory-server-core/scripts/mongo_killer.js');

/**
 * Makes sure `child` does not outlive this process: it is killed at once on a
 * normal exit, and by a detached watchdog within about 2 s after a crash or a
 * SIGKILL, which no exit handler sees. Returns a function that drops both guards.
 */
export function bindChildToParent(child: ChildProcess): () => void {
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);

  const watchdog = spawn(process.execPath, [WATCHDOG_SCRIPT, String(process.pid), String(child.pid)], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();

  return () => {
    process.off('exit', killChild);
    watchdog.kill();
  };
}
