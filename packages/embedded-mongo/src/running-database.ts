export type DatabaseKind = 'external' | 'mongod' | 'jongodb';

/** A database the server can connect to, and how to stop it again. */
export type RunningDatabase = {
  uri: string;
  kind: DatabaseKind;
  /** Whether the data survives a restart of the server. */
  persistent: boolean;
  /** What and where, for the start-up log; never includes credentials. */
  description: string;
  /** Stops an embedded database; does nothing for an external one. */
  stop(): Promise<void>;
};
