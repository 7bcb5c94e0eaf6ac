import type { ApiLogger } from '../logger';

export type LateSweeps = {
  /** Runs `sweep` once more after `delayMs`, or at `stop`, whichever comes first. */
  schedule(sweep: () => Promise<unknown>, log: ApiLogger): void;
  /** Runs every sweep still waiting, now, while the database is still connected. */
  stop(): Promise<void>;
};

/**
 * Work to repeat once every instance has caught up. Instances learn of a revocation
 * at their next poll of the database, so for up to a poll interval another instance
 * may still accept a deleted user's access token and write for them; a second pass
 * after that interval removes what it wrote.
 */
export function createLateSweeps(delayMs: number): LateSweeps {
  const waiting = new Map<NodeJS.Timeout, () => Promise<void>>();

  const run = (timer: NodeJS.Timeout) => {
    const sweep = waiting.get(timer);
    waiting.delete(timer);
    clearTimeout(timer);

    return sweep?.() ?? Promise.resolve();
  };

  return {
    schedule(sweep, log) {
      const guarded = async () => {
        await sweep().catch((error: unknown) => log.warn({ err: error }, 'late sweep failed'));
      };
      const timer = setTimeout(() => void run(timer), delayMs);
      // Shutdown runs what is waiting (see stop); the timer alone never keeps the process up.
      timer.unref();
      waiting.set(timer, guarded);
    },

    async stop() {
      await Promise.all([...waiting.keys()].map(run));
    },
  };
}
