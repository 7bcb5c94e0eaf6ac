import { errorCode } from '@scoped-notes/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';

/** The user's logins: this device and every other one still signed in. */
export function useSessions() {
  const { client } = useAppServices();

  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: ({ signal }) => client.auth.sessions.query(undefined, { signal }),
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
