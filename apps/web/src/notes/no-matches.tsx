import type { NoteListInput } from './note-list-input';

const AND = new Intl.ListFormat('en', { type: 'conjunction' });

function tagPhrase(tags: readonly string[]): string {
  const quoted = AND.format(tags.map((tag) => `“${tag}”`));

  return tags.length === 1 ? `the tag ${quoted}` : `all of the tags ${quoted}`;
}

/** What the empty answer to this input means, and how to widen it. */
function explain(search: string, tags: readonly string[]): { title: string; advice: string } {
  if (search && tags.length > 0) {
    return {
      title: `No notes with ${tagPhrase(tags)} match “${search}”.`,
      advice: 'Try other words, or clear the search or the tags to see more of your notes.',
    };
  }

  if (search) {
    return {
      title: `No notes match “${search}”.`,
      advice: 'Check the spelling or try other words, or clear the search to see all of your notes.',
    };
  }

  return { title: `No notes have ${tagPhrase(tags)}.`, advice: 'Clear the tags to see all of your notes.' };
}

interface NoMatchesProps {
  input: NoteListInput;
  /** Clears the search and the tags. */
  onShowAll(): void;
}

/** An empty list because a search or tags narrowed it: unlike having no notes at all. */
export function NoMatches({ input, onShowAll }: NoMatchesProps) {
  const { title, advice } = explain(input.search ?? '', input.tags ?? []);

  return (
    <div className="empty-state">
      <p className="empty-state-title" role="status">
        {title}
      </p>
      <p>{advice}</p>
      <button type="button" onClick={onShowAll}>
        Show all notes
      </button>
    </div>
  );
}
