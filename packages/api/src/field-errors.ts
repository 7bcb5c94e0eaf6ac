type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string; code?: string; keys?: string[] };

export type FieldErrors = Record<string, string[]>;

function hasIssues(value: unknown): value is { issues: Issue[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { issues?: unknown }).issues);
}

function pathOf(issue: Issue): string {
  const segments = (issue.path ?? []).map((each) =>
    typeof each === 'object' ? String(each.key) : String(each),
  );

  return segments.join('.');
}

/**
 * Field path → messages, from a zod (or any Standard Schema) validation failure.
 * Unknown keys are reported under their own names so a client sees which to drop.
 */
export function fieldErrorsFrom(cause: unknown): FieldErrors | null {
  if (!hasIssues(cause)) return null;

  // A Map, not an object: a client may name a field `toString` or `__proto__`.
  const fields = new Map<string, string[]>();
  const add = (field: string, message: string) => fields.set(field, [...(fields.get(field) ?? []), message]);

  for (const issue of cause.issues) {
    const base = pathOf(issue);

    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, 'Unknown field');
    } else {
      add(base || 'input', issue.message);
    }
  }

  return Object.fromEntries(fields);
}

export function summarize(fields: FieldErrors): string {
  const [field, messages] = Object.entries(fields)[0] ?? ['input', ['Invalid input']];

  return `Invalid input: ${field}: ${messages[0] ?? 'invalid'}`;
}
