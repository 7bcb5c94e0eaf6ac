import { z } from 'zod';

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,32}$/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_BYTES = 72;

/** Unicode NFKC, so look-alike full-width or ligature forms become one spelling. */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/** The key uniqueness and login use: `Priya` and `priya` are one account. */
export function usernameKey(username: string): string {
  return normalizeUsername(username).toLowerCase();
}

export const usernameSchema = z
  .string()
  .max(256)
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .regex(
        USERNAME_PATTERN,
        'Username must be 3–32 characters: letters A–Z, digits, ".", "_" or "-"',
      ),
  );

const utf8 = new TextEncoder();

// bcrypt reads only the first 72 bytes and stops at a NUL byte, so a longer or
// NUL-carrying password would be silently truncated: refuse it instead.
// Characters are code points: `😀` is one, though `.min` (and the document's
// minLength) counts it as two, so the refinement after it has the last word.
const tooShort = `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether text is well-formed UTF-16. A lone surrogate becomes U+FFFD when encoded
 * for bcrypt, so two different passwords carrying one would hash alike.
 */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: tooShort, abort: true })
  .refine((value) => [...value].length >= PASSWORD_MIN_LENGTH, { message: tooShort, abort: true })
  .refine((value) => utf8.encode(value).length <= PASSWORD_MAX_BYTES, {
    message: `Password must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8`,
  })
  .refine((value) => !value.includes('\u0000'), {
    message: 'Password must not contain a NUL character',
  })
  .refine(isWellFormedText, { message: 'Password must be valid Unicode text' });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.union([z.literal(''), z.email('Email must be a valid address')]))
  .transform((value) => (value === '' ? null : value));

export const registerInput = z
  .strictObject({
    username: usernameSchema,
    email: emailSchema.nullish().transform((value) => value ?? null),
    password: newPasswordSchema,
  })
  .meta({ examples: [{ username: 'priya', email: 'priya@example.com', password: 'correct-horse-battery' }] });

// Login accepts any string so that a malformed name costs the same and answers the
// same as an unknown one; only non-strings are refused up front.
export const loginInput = z
  .strictObject({
    username: z.string().min(1).max(256),
    password: z.string().min(1).max(1024),
  })
  .meta({ examples: [{ username: 'priya', password: 'correct-horse-battery' }] });

export const refreshInput = z
  .strictObject({
    refresh: z.string().min(1).max(4096).meta({ description: 'The refresh token from POST /api/token/' }),
  })
  .meta({ examples: [{ refresh: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…' }] });

export const publicUser = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
  })
  .meta({ id: 'User', examples: [{ id: '665f1b9eb4d3e8a9c0f10001', username: 'priya', email: 'priya@example.com' }] });

export type PublicUser = z.infer<typeof publicUser>;

export const tokenPair = z.object({
  access: z.string().meta({ description: 'Send as `Authorization: Bearer <access>`' }),
  refresh: z.string().meta({ description: 'Send to POST /api/token/refresh/ for a new pair' }),
});
