import { errorInfo, isNotesError } from '@scoped-notes/client';

import { describeWait } from './describe-wait';

/** What the user was doing when the call failed; the same code means different things per action. */
export type UserAction =
  | 'log-in'
  | 'register'
  | 'log-out-everywhere'
  | 'load-sessions'
  | 'end-session'
  | 'load-notes'
  | 'load-more-notes'
  | 'load-tags'
  | 'create-note'
  | 'save-note'
  | 'reload-note'
  | 'delete-note';

/** Form field name → the sentence to show beside that field. */
export type FieldMessages = Partial<Record<string, string>>;

export interface ErrorDescription {
  /** One sentence for the whole failure, always set. */
  message: string;
  /** Sentences for the fields the server named, keyed by the field's input name. */
  fields: FieldMessages;
}

const COULD_NOT_REACH = 'We could not reach the server. Check your connection and try again.';
const SERVER_FAILED = 'Something went wrong on our side. Please try again in a moment.';
const SESSION_ENDED = 'Your session has ended. Please log in again.';
const NOTE_GONE = 'This note no longer exists. It may have been deleted in another tab or on another device.';
const NOTE_CHANGED = 'This note was changed somewhere else, in another tab or on another device.';
const UNAVAILABLE = 'The service is briefly unavailable. Please try again in a moment.';
const FIX_FIELDS = 'Please correct the marked field and try again.';
const PAGE_FAILED = 'Something went wrong in this page. Reload it and try again.';

// Written from the API's rules in the README, not copied from the server's messages,
// which are meant for developers.
const FIELD_SENTENCES: Record<string, string> = {
  username: 'This username cannot be used: it needs 3 to 32 letters, digits, dots, underscores or dashes.',
  email: 'Enter a valid email address, or leave this empty.',
  password: 'Choose a password of at least 8 characters (and at most 72 plain letters).',
  title: 'Give the note a title of 1 to 200 characters.',
  body: 'The note is too long: it can have at most 100,000 characters.',
  tags:
    'One of the tags cannot be used: a tag has 1 to 32 letters, digits, dashes or underscores, ' +
    'and a note at most 20 tags.',
  search: 'Search for at most 100 characters.',
};

// Logging in only checks that something was typed.
const LOGIN_FIELD_SENTENCES: Record<string, string> = {
  username: 'Enter your username.',
  password: 'Enter your password.',
};

function fieldSentences(serverFields: Record<string, string[]>, action: UserAction): FieldMessages | null {
  const sentences = action === 'log-in' ? LOGIN_FIELD_SENTENCES : FIELD_SENTENCES;
  const fields: FieldMessages = {};

  for (const path of Object.keys(serverFields)) {
    // A list's items are named by position (`tags.3`); the form has one field for the list.
    const name = path.split('.')[0] ?? path;
    const sentence = sentences[name];
    // A field this form does not have means the app and the server disagree: no field can fix it.
    if (!sentence) return null;
    fields[name] = sentence;
  }

  return fields;
}

function badRequest(serverFields: Record<string, string[]>, action: UserAction): ErrorDescription {
  const fields = Object.keys(serverFields).length > 0 ? fieldSentences(serverFields, action) : null;
  // The search box is not a form with marked fields: its sentence is the message.
  if (fields?.search) return { message: fields.search, fields: {} };
  if (fields) return { message: FIX_FIELDS, fields };

  // Without fields, the only BAD_REQUEST a user meets is a stale page cursor.
  const message =
    action === 'load-more-notes'
      ? 'Your list is out of date. Reload the page to see your notes from the start.'
      : 'The server could not accept this. Reload the page and try again.';

  return { message, fields: {} };
}

function tooManyRequests(error: unknown): string {
  const seconds = errorInfo(error).retryAfterSeconds;
  const wait = seconds === undefined ? 'a little while' : describeWait(seconds);

  return `Too many attempts in a short time. Please wait ${wait} and try again.`;
}

function conflict(action: UserAction): string {
  if (action === 'register') return 'That username is already taken. Please choose another one.';
  if (action === 'save-note' || action === 'delete-note') return NOTE_CHANGED;

  return 'Someone changed this at the same time. Reload the page and try again.';
}

function messageFor(error: unknown, code: string | null, action: UserAction): string {
  switch (code) {
    case null:
      return COULD_NOT_REACH;
    case 'UNAUTHORIZED':
      return action === 'log-in'
        ? 'That username and password do not match. Check them and try again.'
        : SESSION_ENDED;
    case 'CONFLICT':
      return conflict(action);
    case 'NOT_FOUND':
      return action === 'save-note' || action === 'delete-note' || action === 'reload-note'
        ? NOTE_GONE
        : 'We could not find that.';
    case 'TOO_MANY_REQUESTS':
      return tooManyRequests(error);
    case 'SERVICE_UNAVAILABLE':
      return UNAVAILABLE;
    case 'PAYLOAD_TOO_LARGE':
      return 'That is too large to send. Shorten the note and try again.';
    default:
      return SERVER_FAILED;
  }
}

/**
 * Turns any error from an SDK call into sentences a person can act on. Never shows
 * an error code, a server message or a stack.
 */
export function describeError(error: unknown, action: UserAction): ErrorDescription {
  if (!isNotesError(error)) return { message: PAGE_FAILED, fields: {} };

  const { code, fields } = errorInfo(error);
  if (code === 'BAD_REQUEST') return badRequest(fields, action);

  return { message: messageFor(error, code, action), fields: {} };
}
