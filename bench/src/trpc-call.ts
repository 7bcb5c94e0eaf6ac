/** One tRPC mutation over plain HTTP (no data transformer), returning `result.data`. */
export async function trpcMutation<T>(baseUrl: string, path: string, input: unknown, access?: string): Promise<T> {
  const response = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(access ? { authorization: `Bearer ${access}` } : {}) },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);

  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

/** Runs `task` for every item with at most `concurrency` at once. */
export async function inParallel<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}
