/** The one-sentence summary of why a form or an action failed; announced when it appears. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;

  return (
    <p role="alert" className="form-alert">
      {message}
    </p>
  );
}
