import { describeError } from '../errors/describe-error';
import { FormAlert } from '../forms/form-alert';
import { useOnVisible } from './use-on-visible';

interface MoreNotesProps {
  hasMore: boolean;
  isLoading: boolean;
  /** The error of the last attempt to load more, if it failed. */
  error: unknown;
  /** More than one page is shown, so reaching the end is worth saying. */
  showEnd: boolean;
  /** A search or tags narrow the list: its end is the last match, not the last note. */
  filtered: boolean;
  loadMore(): void;
}

/**
 * The foot of the list: loads the next page when it scrolls into view, and offers
 * a button that does the same for keyboards and for when scrolling cannot.
 */
export function MoreNotes({ hasMore, isLoading, error, showEnd, filtered, loadMore }: MoreNotesProps) {
  if (isLoading) {
    return (
      <p role="status" className="list-foot">
        Loading older notes…
      </p>
    );
  }

  if (error) {
    return (
      <div className="list-foot">
        <FormAlert message={describeError(error, 'load-more-notes').message} />
        <button type="button" onClick={loadMore}>
          Try again
        </button>
      </div>
    );
  }

  if (!hasMore && !showEnd) return null;
  if (!hasMore) return <p className="list-foot">{filtered ? 'That is every match.' : 'That is all of your notes.'}</p>;

  return <LoadMoreButton loadMore={loadMore} />;
}

function LoadMoreButton({ loadMore }: { loadMore(): void }) {
  const ref = useOnVisible<HTMLDivElement>(loadMore);

  return (
    <div ref={ref} className="list-foot">
      <button type="button" onClick={loadMore}>
        Show older notes
      </button>
    </div>
  );
}
