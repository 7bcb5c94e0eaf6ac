import type { UserRecord } from '../db/user-model';
import type { PublicUser } from './credentials';

export function toPublicUser(user: UserRecord): PublicUser {
  return { id: user._id.toHexString(), username: user.username, email: user.email ?? null };
}
