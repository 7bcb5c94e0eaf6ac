import { readFileSync } from 'node:fs';

// Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common platform.
const MS_PER_TICK = 10;
// Fields 14 and 15 of /proc/<pid>/stat, counted from 1; the process name (field 2) may hold spaces.
const UTIME_AFTER_NAME = 11;
const STIME_AFTER_NAME = 12;

/** CPU time (user and system) the process `pid` has used so far, in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');

  return (Number(fields[UTIME_AFTER_NAME]) + Number(fields[STIME_AFTER_NAME])) * MS_PER_TICK;
}

/** Runs `work` and returns its result with the CPU milliseconds process `pid` spent meanwhile. */
export async function withCpuOf<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const before = processCpuMs(pid);
  const result = await work();

  return { result, cpuMs: processCpuMs(pid) - before };
}
