import { createContext, useContext, type ReactNode } from 'react';

import type { NotesClient } from '@scoped-notes/client';

import type { SessionWatcher } from '../session/session-watcher';

/** What the whole app talks through: the SDK and the watcher of its token store. */
export interface AppServices {
  client: NotesClient;
  session: SessionWatcher;
}

const AppServicesContext = createContext<AppServices | null>(null);

export function AppServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
}

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useAppServices needs an <AppServicesProvider> above it');

  return services;
}
