/** Extra request headers: fixed, or computed before each request. */
export type HeadersOption =
  Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export async function resolveHeaders(
  option: HeadersOption | undefined,
): Promise<Record<string, string>> {
  if (!option) return {};

  return typeof option === 'function' ? option() : option;
}
