/** The QA flags: the debug overlay and forced variants. */
const FLAGS = ['kairos_debug', 'kairos_preview'];

/**
 * Keeps `?kairos_debug=1` and `?kairos_preview=…` for this tab's session: a flag in the
 * URL is kept in sessionStorage (`?kairos_debug=0` or an empty `?kairos_preview=` drops
 * it), and a click on a link to this site carries the kept flags into the next page's
 * URL, where the core reads them as it always has (they cost it no bytes). A page
 * reached otherwise (typed URL, script navigation) has only its own URL's flags. No-op
 * where sessionStorage is blocked.
 */
export const keepQa = (): void => {
  try {
    const here = new URLSearchParams(location.search);
    for (const k of FLAGS) {
      const v = here.get(k);
      if (v != null) v && v != '0' ? sessionStorage.setItem(k, v) : sessionStorage.removeItem(k);
    }
    document.addEventListener(
      'click',
      (e) => {
        try {
          const a = (e.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href]');
          if (!a || a.origin != location.origin) return;
          const u = new URL(a.href);
          for (const k of FLAGS) {
            const v = sessionStorage.getItem(k);
            if (v != null && !u.searchParams.has(k)) u.searchParams.set(k, v);
          }
          if (u.href != a.href) a.href = u.href;
        } catch {
          // storage blocked meanwhile: the link goes as it is
        }
      },
      true,
    );
  } catch {
    // sessionStorage blocked (sandboxed frame, storage disabled): the URL alone counts.
  }
};
