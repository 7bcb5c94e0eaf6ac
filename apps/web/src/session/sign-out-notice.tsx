import type { SignOutReason } from './session-watcher';

export function SignOutNotice({ reason }: { reason: SignOutReason | null }) {
  if (reason === 'session-ended') {
    return (
      <p role="alert" className="notice notice-warning">
        Your session has ended, so you have been logged out. Please log in again.
      </p>
    );
  }

  if (reason === 'logged-out-everywhere') {
    return (
      <p role="status" className="notice">
        You have logged out on every device.
      </p>
    );
  }

  if (reason === 'logged-out') {
    return (
      <p role="status" className="notice">
        You have logged out on this device.
      </p>
    );
  }

  return null;
}
