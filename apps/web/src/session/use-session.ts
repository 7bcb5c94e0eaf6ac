import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';

import { useAppServices } from '../app/app-services';
import type { SessionSnapshot } from './session-watcher';

/** Whether someone is signed in, and why not when they were. */
export function useSession(): SessionSnapshot {
  const { session } = useAppServices();
  const queryClient = useQueryClient();
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);

  // Nothing one user fetched may still be in memory when the next one signs in here.
  useEffect(() => {
    if (!snapshot.signedIn) queryClient.clear();
  }, [snapshot.signedIn, queryClient]);

  return snapshot;
}
