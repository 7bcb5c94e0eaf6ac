/** A note's tags, read-only, on its card. */
export function NoteTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;

  return (
    <ul className="tag-chips note-tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} className="tag-chip">
          {tag}
        </li>
      ))}
    </ul>
  );
}
