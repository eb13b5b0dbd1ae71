/** Did-you-mean: the closest known name by edit distance, or undefined if none is close. */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * Suggests the candidate nearest to `name`: a case-insensitive match first, then a prefix
 * match (a column name cut short, 'Throughput (/sec'), then the smallest edit distance within
 * a third of the name's length.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = name.toLowerCase();
  const sameButCase = list.find((c) => c.toLowerCase() === lower);
  if (sameButCase !== undefined) return sameButCase;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of list) {
    const cl = c.toLowerCase();
    let score = editDistance(lower, cl);
    if (lower.length >= 3 && (cl.startsWith(lower) || lower.startsWith(cl))) score = Math.min(score, 1);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(name.length, 3) / 3));
  return bestScore <= allowed ? best : undefined;
}
