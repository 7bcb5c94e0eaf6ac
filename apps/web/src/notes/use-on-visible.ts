import { useEffect, useRef, type RefObject } from 'react';

/**
 * Calls `onVisible` when the element scrolls within `marginPx` of the viewport.
 * The element is watched from mount to unmount, so re-mounting it asks again.
 */
export function useOnVisible<T extends Element>(onVisible: () => void, marginPx = 300): RefObject<T | null> {
  const ref = useRef<T>(null);
  const latest = useRef(onVisible);
  latest.current = onVisible;

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;

    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: `${marginPx}px 0px` },
    );
    observer.observe(element);

    return () => observer.disconnect();
  }, [marginPx]);

  return ref;
}
