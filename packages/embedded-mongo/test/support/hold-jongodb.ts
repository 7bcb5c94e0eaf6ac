// Run as a child by the embedded-database test: starts jongodb, prints its URI,
// then waits to be killed.
import { startDatabase } from '../../src/start-database';

const database = await startDatabase({ embedded: 'jongodb' });
process.stdout.write(`${database.uri}\n`);

setInterval(() => {}, 60_000);
