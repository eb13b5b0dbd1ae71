/** Element ids: docutils' make_id for titles and labels, and a per-page allocator that keeps them unique. */

/** docutils' nodes.make_id: lowercase ASCII letters and digits joined by hyphens, starting with a letter. */
export function makeId(text: string): string {
  const id = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]/g, '')
    .split(/\s+/)
    .join(' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[-0-9]+|-+$/g, '');
  return id;
}

export class IdAllocator {
  private used = new Set<string>();
  private counter = 0;

  /** How many ids were handed out (a changed count tells that rendering used one). */
  get count(): number {
    return this.used.size;
  }

  /** The wanted id if it is free, else docutils' `id1`, `id2`, ... */
  use(wanted?: string): string {
    if (wanted && !this.used.has(wanted)) {
      this.used.add(wanted);
      return wanted;
    }
    let id: string;
    do id = `id${++this.counter}`;
    while (this.used.has(id));
    this.used.add(id);
    return id;
  }
}
