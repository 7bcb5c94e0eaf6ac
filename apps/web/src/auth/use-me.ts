import { useQuery } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';

/** The signed-in user, for the header. */
export function useMe() {
  const { client } = useAppServices();

  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => client.auth.me.query(undefined, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
