import type { RouterInputs } from '@scoped-notes/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';

type LoginInput = RouterInputs['auth']['login'];
type RegisterInput = RouterInputs['auth']['register'];

export function useLogin() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (input: LoginInput) => client.login(input),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}

/** Creates the account, then logs straight into it. */
export function useRegister() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async (input: RegisterInput) => {
      await client.register(input);

      return client.login({ username: input.username, password: input.password });
    },
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}

/** Logs out this device only; other devices keep their sessions. */
export function useLogout() {
  const { client, session } = useAppServices();

  return useMutation({
    mutationFn: () => {
      session.expectSignOut('logged-out');

      return client.logout();
    },
  });
}

/** Ends every session of the user, this one included. */
export function useLogoutEverywhere() {
  const { client, session } = useAppServices();

  return useMutation({
    mutationFn: async () => {
      await client.auth.logoutAll.mutate();

      // Only now: had the call found the session already over, that is the reason to tell.
      session.expectSignOut('logged-out-everywhere');
      client.store.clear();
    },
  });
}
