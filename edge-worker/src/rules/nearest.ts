/**
 * "Did you mean …?" — the closest candidate by edit distance, offered only when
 * it is close enough to be a plausible typo.
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** How far a word may be from a suggestion: 1 edit for short words, up to 3 for long ones. */
function tolerance(word: string): number {
  return Math.max(1, Math.min(3, Math.floor(word.length / 4)));
}

/**
 * The candidate closest to `word`, or undefined when none is within a typo's distance.
 * Case differences alone count as a match (`Device.Type` → `device.type`).
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= tolerance(word) ? best : undefined;
}

/** `; did you mean "x"?` when a near candidate exists, else an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hit = nearest(word, candidates);
  return hit === undefined ? '' : `; did you mean "${hit}"?`;
}
