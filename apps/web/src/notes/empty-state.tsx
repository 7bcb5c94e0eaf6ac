export function EmptyState({ onStartWriting }: { onStartWriting(): void }) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">You have no notes yet.</p>
      <p>
        Give your first note a title under <strong>New note</strong>, add some text if you like, and press{' '}
        <strong>Add note</strong>. Only you can see your notes.
      </p>
      <button type="button" onClick={onStartWriting}>
        Write your first note
      </button>
    </div>
  );
}
