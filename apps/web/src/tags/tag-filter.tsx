import { useId } from 'react';

import { useTagCounts } from './use-tag-counts';

interface TagFilterProps {
  selected: readonly string[];
  onToggle(tag: string): void;
  onClear(): void;
}

type TagCount = { tag: string; count: number };

// A selected tag whose last note went away stays as a chip, so it can still be unselected.
function chipsOf(counts: readonly TagCount[], selected: readonly string[]): TagCount[] {
  const missing = selected.filter((tag) => !counts.some((each) => each.tag === tag));

  return [...counts, ...missing.map((tag) => ({ tag, count: 0 }))];
}

/** The user's tags, most used first, as toggles: the list keeps notes that carry every one pressed. */
export function TagFilter({ selected, onToggle, onClear }: TagFilterProps) {
  const labelId = useId();
  const counts = useTagCounts();

  if (counts.isError) {
    return <p className="field-hint">Your tags could not be loaded, so they cannot filter the list now.</p>;
  }

  const chips = chipsOf(counts.data ?? [], selected);
  if (chips.length === 0) return null;

  return (
    <div className="tag-filter" role="group" aria-labelledby={labelId}>
      <p id={labelId} className="tag-filter-label">
        Show only notes with these tags
      </p>
      <ul className="tag-chips">
        {chips.map(({ tag, count }) => (
          <li key={tag}>
            <button
              type="button"
              className="tag-toggle"
              aria-pressed={selected.includes(tag)}
              onClick={() => onToggle(tag)}
            >
              {tag}{' '}
              <span className="tag-count">
                {count}
                <span className="visually-hidden">{count === 1 ? ' note' : ' notes'}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {selected.length > 0 && (
        <button type="button" className="link-button" onClick={onClear}>
          Clear tags
        </button>
      )}
    </div>
  );
}
