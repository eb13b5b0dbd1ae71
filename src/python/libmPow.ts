/**
 * x ** y as C's pow() gives it. CPython's float ** (and numpy's power where it does not use a
 * SIMD library) call the C library's pow, which glibc computes to within 0.52 ULP: on random
 * inputs it returns the correctly rounded double in all but about 1 case in 1,300. V8's
 * Math.pow is off by one ULP in about 1 case in 12 (7 ** 1.5, 1.1625979700146916 ** 7), and
 * those digits show in the CSV.
 *
 * So the power is computed here in double-double arithmetic (about 106 bits) and rounded once,
 * which is correct except when the exact power lies within about 1e-30 of the midpoint between
 * two doubles. Integer powers that are exactly representable, such as 1.5 ** 3, are computed
 * exactly with bigints. The remaining differences from glibc are the cases where glibc itself
 * is not correctly rounded; matching those would need glibc's own algorithm and tables.
 */

/** A double-double: the unevaluated sum hi + lo with |lo| <= ulp(hi) / 2. */
interface DD {
  hi: number;
  lo: number;
}

const SPLITTER = 134217729; // 2**27 + 1, Dekker's splitting constant
const LN2: DD = { hi: 6.931471805599452862e-1, lo: 2.319046813846299558e-17 };

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

function add(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  let r = quickTwoSum(s.hi, s.lo + t.hi);
  r = quickTwoSum(r.hi, r.lo + t.lo);
  return r;
}

function mul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

function mulNum(a: DD, b: number): DD {
  const p = twoProd(a.hi, b);
  return quickTwoSum(p.hi, p.lo + a.lo * b);
}

function divNum(a: DD, b: number): DD {
  const q1 = a.hi / b;
  const p = twoProd(q1, b);
  const s = twoSum(a.hi, -p.hi);
  const q2 = (s.hi + (s.lo - p.lo + a.lo)) / b;
  return quickTwoSum(q1, q2);
}

/** x * 2**e for an integer e, in two steps so that neither factor overflows on its own. */
function scale(x: number, e: number): number {
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}

/** exp(a) - 1 for |a| <= ln(2) / 2, as a double-double. */
function expm1Reduced(a: DD): DD {
  // a / 1024 makes the Taylor series converge in a few terms; (e**r - 1) is then doubled back
  // ten times through e**2r - 1 = (e**r - 1) * (e**r + 1), which keeps the small value exact.
  const r: DD = { hi: a.hi / 1024, lo: a.lo / 1024 };
  let term = r;
  let sum = r;
  for (let i = 2; i <= 12; i++) {
    term = divNum(mul(term, r), i);
    sum = add(sum, term);
    if (Math.abs(term.hi) < Math.abs(sum.hi) * 1e-34) break;
  }
  for (let i = 0; i < 10; i++) sum = add(mulNum(sum, 2), mul(sum, sum));
  return sum;
}

/** exp(a) as a double-double mantissa m (0.7 < m < 1.5) and a power of two k: exp(a) = m * 2**k. */
function expDD(a: DD): { m: DD; k: number } {
  const k = Math.round(a.hi / LN2.hi);
  const r = add(a, mulNum({ hi: -LN2.hi, lo: -LN2.lo }, k));
  return { m: add(expm1Reduced(r), { hi: 1, lo: 0 }), k };
}

/** log(x) for a finite x > 0, as a double-double. */
function logDD(x: number): DD {
  // x = m * 2**e with m in [sqrt(1/2), sqrt(2)), so products with m never overflow
  let e = Math.floor(Math.log2(x));
  let m = scale(x, -e);
  if (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  // One Newton step on exp(a) = m doubles the 53 correct bits of Math.log: a + m * exp(-a) - 1.
  let a: DD = { hi: Math.log(m), lo: 0 };
  const ex = expDD({ hi: -a.hi, lo: 0 });
  const t = add(mulNum({ hi: ex.m.hi * 2 ** ex.k, lo: ex.m.lo * 2 ** ex.k }, m), { hi: -1, lo: 0 });
  a = add(a, t);
  return add(a, mulNum(LN2, e));
}

/** An odd integer and a power of two whose product is x (x finite, non-zero, positive). */
function oddAndExponent(x: number): [bigint, number] {
  let e = 0;
  while (!Number.isInteger(x)) {
    x *= 2 ** 32;
    e -= 32;
  }
  let n = BigInt(x);
  while ((n & 1n) === 0n) {
    n >>= 1n;
    e++;
  }
  return [n, e];
}

/**
 * x ** y for a positive integer y when the exact power has at most 64 significant bits, so it
 * may be a double exactly; undefined when it is longer (it can then be neither a double nor a
 * midpoint between two, and the double-double result rounds correctly).
 */
function exactIntegerPower(x: number, y: number): number | undefined {
  if (y < 2 || y > 64) return undefined;
  const [odd, e] = oddAndExponent(x);
  const bits = odd.toString(2).length;
  if (bits * y > 64 + y) return undefined;
  const p = odd ** BigInt(y);
  const exp = e * y;
  if (exp < -1000 || exp > 1000) return undefined;
  return scale(Number(p), exp); // Number(bigint) rounds half to even, as C's pow does
}

/** pow(x, y) for x > 0 finite and y finite, non-zero. */
function positivePow(x: number, y: number): number {
  if (x === 1) return 1;
  if (Number.isInteger(y)) {
    const exact = exactIntegerPower(x, y);
    if (exact !== undefined) return exact;
  }
  const p = mulNum(logDD(x), y);
  if (p.hi > 710) return Infinity;
  if (p.hi < -746) return 0;
  const { m, k } = expDD(p);
  // Below 2**-1021 the result is subnormal and rounding it twice could differ: leave it to libm.
  if (k < -1020) return Math.pow(x, y);
  // lo exactly half an ULP: the double-double lost which side of the midpoint the power lies on
  // (sqrt of the largest double lies 2**-109 below one); Math.pow is then the better guess.
  const twice = m.hi + 2 * m.lo;
  if (twice !== m.hi && twice - m.hi === 2 * m.lo) return Math.pow(x, y);
  return scale(m.hi + m.lo, k);
}

/** C99 pow(x, y) rounded as glibc rounds it; special values follow Math.pow, which agrees with C there. */
export function libmPow(x: number, y: number): number {
  // C: pow(1, y) and pow(x, 0) are 1 even for NaN, and pow(-1, ±inf) is 1; Math.pow gives NaN.
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0) return Math.pow(x, y);
  if (x > 0) return positivePow(x, y);
  if (!Number.isInteger(y)) return NaN;
  const r = positivePow(-x, y);
  return Number.isInteger(y / 2) ? r : -r;
}
