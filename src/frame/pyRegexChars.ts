/**
 * What one Python `re` character matcher stands for, as a code-point set: the categories `\w`,
 * `\d`, `\s` (Unicode by default for str patterns, ASCII under re.ASCII), and IGNORECASE's
 * case closure. The tables are Python's own (pyUnicodeData.ts, generated from the oracle's
 * Python), so the answers follow Python rather than the Unicode version Node ships.
 */
import { fromCodePoints, fromDeltaRanges, fromPairs, has, intersect, subtract, union, complement, single, type CodePointSet } from './codePointSet.js';
import { CASED, DIGIT, EXTRA_CASES, LOWER, SPACE, WORD } from './pyUnicodeData.js';

export type Category = 'd' | 'D' | 's' | 'S' | 'w' | 'W';

const ASCII_SETS: Record<'d' | 's' | 'w', CodePointSet> = {
  d: [0x30, 0x39],
  // re.ASCII's \s: \t \n \v \f \r and space (not \x1c-\x1f, unlike str.isspace()).
  s: [0x09, 0x0d, 0x20, 0x20],
  w: fromPairs([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]),
};

let unicodeSets: Record<'d' | 's' | 'w', CodePointSet> | undefined;
const categoryCache = new Map<string, CodePointSet>();

export function categorySet(cat: Category, ascii: boolean): CodePointSet {
  const key = cat + (ascii ? 'a' : 'u');
  let set = categoryCache.get(key);
  if (!set) {
    unicodeSets ??= { d: fromDeltaRanges(DIGIT), s: fromDeltaRanges(SPACE), w: fromDeltaRanges(WORD) };
    const base = (ascii ? ASCII_SETS : unicodeSets)[cat.toLowerCase() as 'd' | 's' | 'w'];
    set = cat === cat.toLowerCase() ? base : complement(base);
    categoryCache.set(key, set);
  }
  return set;
}

/** The simple lowercase mapping IGNORECASE compares through: sorted keys and their lowercase. */
interface LowerTable {
  keys: number[];
  lower: number[];
  cased: CodePointSet;
  /** Lowercase letters that also match each other (Python's _EXTRA_CASES), unicode only. */
  extra: Map<number, number[]>;
}

let unicodeTable: LowerTable | undefined;
let asciiTable: LowerTable | undefined;

function lowerTable(ascii: boolean): LowerTable {
  if (ascii) {
    if (!asciiTable) {
      const keys = Array.from({ length: 26 }, (_, i) => 0x41 + i);
      asciiTable = { keys, lower: keys.map((k) => k + 32), cased: fromPairs([[0x41, 0x5a], [0x61, 0x7a]]), extra: new Map() };
    }
    return asciiTable;
  }
  if (!unicodeTable) {
    const pairs: [number, number][] = [];
    let cp = 0;
    for (let i = 0; i < LOWER.length; i += 4) {
      cp += LOWER[i];
      const [count, step, delta] = [LOWER[i + 1], LOWER[i + 2], LOWER[i + 3]];
      for (let t = 0; t < count; t++) pairs.push([cp + t * step, cp + t * step + delta]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const extra = new Map<number, number[]>();
    for (let i = 0; i < EXTRA_CASES.length; ) {
      const n = EXTRA_CASES[i + 1];
      extra.set(EXTRA_CASES[i], EXTRA_CASES.slice(i + 2, i + 2 + n));
      i += 2 + n;
    }
    unicodeTable = { keys: pairs.map((p) => p[0]), lower: pairs.map((p) => p[1]), cased: fromDeltaRanges(CASED), extra };
  }
  return unicodeTable;
}

function lowerOf(cp: number, t: LowerTable): number {
  let lo = 0;
  let hi = t.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.keys[mid] === cp) return t.lower[mid];
    if (t.keys[mid] < cp) lo = mid + 1;
    else hi = mid - 1;
  }
  return cp;
}

/** {lower(x) : x in set}. */
function lowerImage(set: CodePointSet, t: LowerTable): CodePointSet {
  const moved: number[] = [];
  const images: number[] = [];
  t.keys.forEach((k, i) => {
    if (has(set, k)) {
      moved.push(k);
      images.push(t.lower[i]);
    }
  });
  return moved.length ? union(subtract(set, fromCodePoints(moved)), fromCodePoints(images)) : set;
}

/** {x : lower(x) in set}. */
function lowerPreimage(set: CodePointSet, t: LowerTable): CodePointSet {
  const out: number[] = [];
  const notIn: number[] = [];
  t.keys.forEach((k, i) => {
    if (has(set, t.lower[i])) out.push(k);
    else notIn.push(k);
  });
  return union(subtract(set, fromCodePoints(notIn)), fromCodePoints(out));
}

/** The lowercase forms plus Python's extra equivalents (i/ı, s/ſ, µ/μ, ...). */
function withExtraCases(lowered: CodePointSet, t: LowerTable): CodePointSet {
  const add: number[] = [];
  for (const [lo, others] of t.extra) if (has(lowered, lo)) add.push(...others);
  return add.length ? union(lowered, fromCodePoints(add)) : lowered;
}

/**
 * A literal under IGNORECASE (sre_compile: LITERAL_UNI_IGNORE and friends): a character with no
 * case matches only itself; otherwise x matches when lower(x) is its lowercase or an extra
 * equivalent of it.
 */
export function foldLiteral(cp: number, ascii: boolean): CodePointSet {
  const t = lowerTable(ascii);
  if (!has(t.cased, cp)) return single(cp);
  return lowerPreimage(withExtraCases(single(lowerOf(cp, t)), t), t);
}

/**
 * A character class under IGNORECASE (sre_compile._optimize_charset, then IN_UNI_IGNORE): with
 * no cased member it matches exactly; otherwise x matches when lower(x) is the lowercase of a
 * member (or an extra equivalent) or lies in one of its categories. Python compares astral
 * literals without lowering them (so `[𐐀a]` does not match 𐐀 under re.I), which is kept;
 * astral ranges are folded like BMP ones (Python checks lower(x) and upper(lower(x)) against
 * the range; the two agree for every cased astral script in practice).
 */
export function foldClass(members: CodePointSet, categories: CodePointSet, ascii: boolean): CodePointSet {
  const t = lowerTable(ascii);
  const bmp = intersect(members, [0, 0xffff]);
  const astral = intersect(members, [0x10000, 0x10ffff]);
  if (astral.length === 0 && intersect(bmp, t.cased).length === 0) return union(members, categories);
  const astralLiterals: number[] = [];
  const astralRanges: number[] = [];
  for (let i = 0; i < astral.length; i += 2) (astral[i] === astral[i + 1] ? astralLiterals : astralRanges).push(astral[i], astral[i + 1]);
  const lowered = union(withExtraCases(lowerImage(bmp, t), t), astralLiterals, lowerImage(astralRanges, t), categories);
  return lowerPreimage(lowered, t);
}
