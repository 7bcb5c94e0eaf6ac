import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';

/** Asks a child to stop with SIGTERM and uses SIGKILL if it is still running after `graceMs`. */
export async function stopChildProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = once(child, 'exit');
  child.kill('SIGTERM');

  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
