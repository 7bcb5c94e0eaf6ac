import { performance } from 'node:perf_hooks';

import { appRouter, connectDatabase, createNoteAccess, createServices, disconnectDatabase, type ApiLogger } from '@scoped-notes/api';
import { ObjectId, type Db } from 'mongodb';

import { withCpuOf } from './process-cpu';
import { pick } from './random-pick';
import type { SeededUser } from './seed';

export type LayerQuery = 'notes.get' | 'notes.list';

/** CPU of this process per call of one query through one layer. */
export type LayerCost = { layer: string; query: LayerQuery; cpuMicrosPerCall: number; calls: number };

export type LayerSetup = {
  /** The bench database's connection string, for this process's own mongoose connection. */
  uri: string;
  db: Db;
  users: SeededUser[];
  /** The servers' JWT secret, so the seeded users' access tokens verify here. */
  jwtSecret: string;
  concurrency: number;
  durationSeconds: number;
};

const PAGE = 20;

// The router logs through the host's logger; here nothing is written.
const silentLog: ApiLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silentLog };

type Layer = { name: string; call: (query: LayerQuery, user: SeededUser) => Promise<unknown> };

function driverLayer(db: Db): Layer {
  const notes = db.collection('notes');

  return {
    name: 'mongodb driver',
    call: (query, user) => {
      const owner = new ObjectId(user.id);
      if (query === 'notes.get') return notes.findOne({ _id: new ObjectId(pick(user.noteIds)), owner });

      return notes.find({ owner }).sort({ updatedAt: -1, _id: -1 }).limit(PAGE + 1).toArray();
    },
  };
}

function noteAccessLayer(services: ReturnType<typeof createServices>): Layer {
  return {
    name: 'note access (mongoose model, owner guard, note shape)',
    call: (query, user) => {
      const notes = createNoteAccess({ id: user.id, username: user.username, sessionId: '' }, services.cursors);
      if (query === 'notes.get') return notes.get(pick(user.noteIds));

      return notes.list({ limit: PAGE, sort: 'updated' });
    },
  };
}

function procedureLayer(services: ReturnType<typeof createServices>): Layer {
  return {
    name: 'tRPC procedure (token check, input and output validation)',
    call: (query, user) => {
      const caller = appRouter.createCaller({
        services,
        authorization: `Bearer ${user.access}`,
        requestId: 'bench',
        log: silentLog,
        clientAddress: '127.0.0.1',
        userAgent: undefined,
      });
      if (query === 'notes.get') return caller.notes.get({ id: pick(user.noteIds) });

      return caller.notes.list({});
    },
  };
}

/** `concurrency` workers calling through `layer` until the time is up; CPU of this process per call. */
async function measureLayer(layer: Layer, query: LayerQuery, setup: LayerSetup, seconds: number): Promise<LayerCost> {
  let calls = 0;
  const deadline = performance.now() + seconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline) {
      await layer.call(query, pick(setup.users));
      calls += 1;
    }
  };
  const { cpuMs } = await withCpuOf(process.pid, () => Promise.all(Array.from({ length: setup.concurrency }, worker)));

  return { layer: layer.name, query, cpuMicrosPerCall: (cpuMs * 1000) / Math.max(calls, 1), calls };
}

/**
 * Where a note request's CPU goes: `notes.get` and `notes.list` run in this process
 * through each layer of the server in turn (the raw driver; the owner-scoped note
 * access on mongoose; the whole tRPC procedure, called without HTTP), by as many
 * workers as the API's concurrency, on the bench database. The step from one layer to
 * the next is what that layer costs; the production server's CPU per answer adds HTTP.
 */
export async function measureLayerCosts(setup: LayerSetup): Promise<LayerCost[]> {
  await connectDatabase(setup.uri);
  const services = createServices({
    jwtSecret: setup.jwtSecret,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 7200,
    bcryptCost: 4,
  });
  await services.start();

  const layers = [driverLayer(setup.db), noteAccessLayer(services), procedureLayer(services)];
  const costs: LayerCost[] = [];

  try {
    for (const query of ['notes.get', 'notes.list'] as const) {
      for (const layer of layers) {
        await measureLayer(layer, query, setup, 1);
        costs.push(await measureLayer(layer, query, setup, setup.durationSeconds));
      }
    }
  } finally {
    await services.stop();
    await disconnectDatabase();
  }

  return costs;
}
