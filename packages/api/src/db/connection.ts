import mongoose from 'mongoose';

import { NoteModel } from './note-model';
import { SessionModel } from './session-model';
import { UserModel } from './user-model';

export type DatabaseState = 'connected' | 'connecting' | 'disconnected' | 'disconnecting';

const MODELS = [UserModel, NoteModel, SessionModel];

// Collections are made by the first index or insert: some MongoDB-compatible
// servers (the embedded jongodb) lack the `create` command that autoCreate sends.
mongoose.set('autoCreate', false);
mongoose.set('autoIndex', false);

export async function connectDatabase(uri: string, options: { dbName?: string } = {}): Promise<void> {
  await mongoose.connect(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 5_000,
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
