/** The tRPC endpoint for a server base URL: `http://host:3000` → `http://host:3000/trpc`. */
export function trpcEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '');

  return base.endsWith('/trpc') ? base : `${base}/trpc`;
}
