import { defineConfig } from 'tsup';

/**
 * The production build: one ESM file per entry with the workspace packages and
 * plain JavaScript dependencies bundled in. Kept external: native addons, and
 * packages that locate their own files on disk (binaries, static assets, scripts).
 */
const KEEP_EXTERNAL = [
  'bcrypt',
  'swagger-ui-dist',
  'mongodb-memory-server-core',
  '@jongodb/memory-server-bin-linux-x64-gnu',
  // Optional peers of the MongoDB driver, loaded only when configured.
  'kerberos',
  '@mongodb-js/zstd',
  'snappy',
  'socks',
  'aws4',
  'mongodb-client-encryption',
  'gcp-metadata',
  '@aws-sdk/credential-providers',
];

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// tsup lets `noExternal` win over `external`, so the bundle-everything pattern
// itself skips the packages that must stay on disk.
const everythingElse = new RegExp(`^(?!(${KEEP_EXTERNAL.map(escape).join('|')})(/|$))`);

export default defineConfig({
  entry: { main: 'src/main.ts', demo: 'src/demo.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: [everythingElse],
  external: KEEP_EXTERNAL,
  banner: {
    // Bundled CommonJS dependencies still call require().
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
