import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';

import { SessionGate } from '../session/session-gate';
import { AppServicesProvider, type AppServices } from './app-services';
import { createQueryClient } from './query-client';

export function App({ services }: { services: AppServices }) {
  const [queryClient] = useState(createQueryClient);

  return (
    <AppServicesProvider services={services}>
      <QueryClientProvider client={queryClient}>
        <SessionGate />
      </QueryClientProvider>
    </AppServicesProvider>
  );
}
