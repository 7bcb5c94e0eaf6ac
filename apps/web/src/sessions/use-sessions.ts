import { errorCode, type RouterOutputs } from '@scoped-notes/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';

export type Session = RouterOutputs['auth']['sessions'][number];

// This device first, then the most recently active.
function byThisDeviceThenRecent(a: Session, b: Session): number {
  if (a.current !== b.current) return a.current ? -1 : 1;

  return b.lastUsedAt.localeCompare(a.lastUsedAt);
}

/** The user's logins: this device and every other one still signed in. */
export function useSessions() {
  const { client } = useAppServices();

  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: ({ signal }) => client.auth.sessions.query(undefined, { signal }),
    select: (sessions) => [...sessions].sort(byThisDeviceThenRecent),
  });
}

/** Logs another device out. */
export function useEndSession() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await client.auth.revokeSession.mutate({ id });
      } catch (error) {
        // It ended meanwhile (expired, or logged out there): what the user asked for.
        if (errorCode(error) !== 'NOT_FOUND') throw error;
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });
}
