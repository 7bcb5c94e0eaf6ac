import { createRouter } from '../trpc';
import { accountProcedures } from './account-procedures';
import { credentialProcedures } from './credential-procedures';
import { sessionProcedures } from './session-procedures';

export const authRouter = createRouter({
  ...credentialProcedures,
  ...sessionProcedures,
  ...accountProcedures,
});
