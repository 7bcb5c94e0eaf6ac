import { useQuery } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';

/** The user's tags with how many notes carry each, most used first. */
export function useTagCounts() {
  const { client } = useAppServices();

  return useQuery({
    queryKey: queryKeys.tagCounts,
    queryFn: ({ signal }) => client.notes.tags.query(undefined, { signal }),
  });
}
