/** "5 seconds", "a minute", "3 minutes": a wait in words, rounded up to whole minutes past one. */
export function describeWait(seconds: number): string {
  if (seconds <= 1) return 'a second';
  if (seconds < 60) return `${seconds} seconds`;

  const minutes = Math.ceil(seconds / 60);

  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
