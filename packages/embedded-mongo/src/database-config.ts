export const EMBEDDED_MONGO_MODES = ['auto', 'mongod', 'jongodb'] as const;

export type EmbeddedMongoMode = (typeof EMBEDDED_MONGO_MODES)[number];

export type DatabaseConfig = {
  /** An external MongoDB; when absent an embedded one is started. */
  uri: string | undefined;
  embedded: EmbeddedMongoMode;
  /** MONGOMS_SYSTEM_BINARY: an explicit mongod to use for the embedded database. */
  mongodBinary: string | undefined;
  /** PATH, searched for a `mongod` executable. */
  searchPath: string;
};
