import mongoose from 'mongoose';

import { NoteModel } from './note-model';
import { RevocationModel } from './revocation-model';
import { SecurityEventModel } from './security-event-model';
import { SessionModel } from './session-model';
import { UserModel } from './user-model';

export type DatabaseState = 'connected' | 'connecting' | 'disconnected' | 'disconnecting' | 'unreachable';

// Each model's indexes, TTL indexes included, are built at connect: nothing else builds them.
const MODELS = [UserModel, NoteModel, SessionModel, RevocationModel, SecurityEventModel];

// Collections are made by the first index or insert: some MongoDB-compatible
// servers (the embedded jongodb) lack the `create` command that autoCreate sends.
mongoose.set('autoCreate', false);
mongoose.set('autoIndex', false);
// Fail fast while the database is away instead of queueing requests in memory.
mongoose.set('bufferCommands', false);

export async function connectDatabase(uri: string, options: { dbName?: string } = {}): Promise<void> {
  await mongoose.connect(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 3_000,
  });

  await Promise.all(MODELS.map((each) => each.createIndexes()));
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

export function databaseState(): DatabaseState {
  switch (mongoose.connection.readyState) {
    case mongoose.ConnectionStates.connected:
      return 'connected';
    case mongoose.ConnectionStates.connecting:
      return 'connecting';
    case mongoose.ConnectionStates.disconnecting:
      return 'disconnecting';
    default:
      return 'disconnected';
  }
}

/**
 * The connection's state, confirmed by a ping when it claims to be connected: the
 * driver notices a vanished server only at its next heartbeat.
 */
export async function checkDatabase(timeoutMs = 1_000): Promise<DatabaseState> {
  const state = databaseState();
  const db = mongoose.connection.db;
  if (state !== 'connected' || !db) return state;

  const timeout = new Promise<false>((resolve) => setTimeout(resolve, timeoutMs, false).unref());
  const ping = db.admin().ping().then(() => true, () => false);

  return (await Promise.race([ping, timeout])) ? 'connected' : 'unreachable';
}
