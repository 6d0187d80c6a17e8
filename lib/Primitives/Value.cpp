//===- Value.cpp - generic helpers of the arcdsl value model --------------===//
//
// Comparison, equality, truthiness, canonical construction of tuples and
// sets, sorting and the generic sequence view declared at the bottom of
// Value.h. Host/device neutral (no STL, no heap, no function pointers).
//
// Notes on representation:
//  * Only TAG_INT words take part in the compact encodings: a 2-tuple that
//    holds a bool, e.g. (True, 3), stays a boxed tuple so that it reads back
//    as (True, 3). Likewise grids are built only from TAG_INT values. All
//    comparisons below are structural, so (True, 3) == (1, 3) still holds.
//  * The empty tuple is a BOX_TUPLE with n == 0 (a GRID always has n >= 1).
//  * Nothing in compareCanon / comparePy / equalValues allocates: grid rows
//    are visited through a light-weight view instead of being materialised.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/PySet.h"

namespace arcdsl {

namespace {

/// A value, or a virtual row of a grid (row != nullptr: w grid cells).
struct Item {
  av v;
  const GridCell *row;
  uint32_t w;
};

enum Cls : int { CLS_NUM = 0, CLS_TUPLE = 1, CLS_SET = 2, CLS_OTHER = 3 };

} // namespace

#if !defined(__CUDA_ARCH__)
thread_local const char *arcdslStackFloor = nullptr;
#endif

static ARC_HD av intWord(int64_t x) {
  return ((av)TAG_INT << 60) | ((uint64_t)x & ((1ull << 60) - 1));
}

static ARC_HD Item mkItem(av v) {
  Item it;
  it.v = v;
  it.row = nullptr;
  it.w = 0;
  return it;
}

static ARC_HD int clsOf(ArcCtx *c, const Item &a) {
  if (a.row)
    return CLS_TUPLE;
  switch (tagOf(a.v)) {
  case TAG_INT:
  case TAG_BOOL:
    return CLS_NUM;
  case TAG_PAIR:
  case TAG_CELL:
  case TAG_TRIPLE:
    return CLS_TUPLE;
  case TAG_BOX:
    return box(c, a.v)->kind == BOX_SET ? CLS_SET : CLS_TUPLE;
  default:
    return CLS_OTHER;
  }
}

/// Length of a tuple-class item.
static ARC_HD uint32_t tupLen(ArcCtx *c, const Item &a) {
  if (a.row)
    return a.w;
  uint32_t t = tagOf(a.v);
  if (t == TAG_PAIR || t == TAG_CELL)
    return 2;
  if (t == TAG_TRIPLE)
    return 3;
  return box(c, a.v)->n;
}

/// Element k of a tuple-class item (no allocation).
static ARC_HD Item tupAt(ArcCtx *c, const Item &a, uint32_t k) {
  if (a.row)
    return mkItem(intWord(a.row[k]));
  switch (tagOf(a.v)) {
  case TAG_PAIR:
    return mkItem(intWord(k == 0 ? pairI(a.v) : pairJ(a.v)));
  case TAG_CELL:
    return mkItem(k == 0 ? intWord(cellC(a.v))
                         : mkPairRaw(cellI(a.v), cellJ(a.v)));
  case TAG_TRIPLE:
    return mkItem(intWord(k == 0   ? tripleA(a.v)
                          : k == 1 ? tripleB(a.v)
                                   : tripleC(a.v)));
  default: {
    Box *b = box(c, a.v);
    if (b->kind == BOX_GRID) {
      Item it;
      it.v = 0;
      it.row = cells(b) + (uint64_t)k * b->w;
      it.w = b->w;
      return it;
    }
    return mkItem(elems(b)[k]);
  }
  }
}

static ARC_HD int cmp64(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

/// Rank of "other" values, the order of their reprs: -inf < FN < NONE <
/// inf < nan < ERR / anything else.
static ARC_HD int otherRank(av v) {
  switch (tagOf(v)) {
  case TAG_FLOAT:
    return floatOf(v) == FLOAT_NEG_INF ? 0 : floatOf(v) == FLOAT_INF ? 3 : 4;
  case TAG_FN:
    return 1;
  case TAG_NONE:
    return 2;
  default:
    return 5;
  }
}

//===----------------------------------------------------------------------===//
// Canonical order
//===----------------------------------------------------------------------===//

/// The elements of a set box in canonical order: the box's own when it is
/// stored sorted, else a sorted copy in scratch (null on a full arena).
static ARC_HD const av *sortedCopy(ArcCtx *c, Box *b) {
  if (!isPyLayout(b))
    return elems(b);
  av *xs = (av *)arenaAlloc(c, 8ull * b->n);
  if (!xs)
    return nullptr;
  for (uint32_t k = 0; k < b->n; ++k)
    xs[k] = elems(b)[k];
  sortValues(c, xs, b->n);
  return xs;
}

static ARC_HD int canonItems(ArcCtx *c, const Item &a, const Item &b);

/// Python order: -1 / 0 (equal) / 1, or 2 for "unequal but neither is
/// smaller" (sets that are not subsets of each other). ERR_TYPE where
/// Python raises TypeError.
static ARC_HD int pyItems(ArcCtx *c, const Item &a, const Item &b);

/// Lexicographic order of two tuples, item by item under canonItems, or
/// under pyItems (py: which stops at an error); 0 past the nesting bound.
static ARC_HD int tupleOrder(ArcCtx *c, const Item &a, const Item &b, bool py) {
  NestingScope g(c);
  if (!g.ok)
    return 0;
  uint32_t na = tupLen(c, a), nb = tupLen(c, b);
  uint32_t n = na < nb ? na : nb;
  for (uint32_t k = 0; k < n; ++k) {
    Item x = tupAt(c, a, k), y = tupAt(c, b, k);
    int r = py ? pyItems(c, x, y) : canonItems(c, x, y);
    if (r || (py && c->err))
      return r;
  }
  return cmp64(na, nb);
}

static ARC_HD int canonItems(ArcCtx *c, const Item &a, const Item &b) {
  // Fast paths on plain words.
  if (!a.row && !b.row) {
    uint32_t ta = tagOf(a.v), tb = tagOf(b.v);
    if (ta <= TAG_BOOL && tb <= TAG_BOOL)
      return cmp64(numOf(a.v), numOf(b.v));
    if (ta == TAG_PAIR && tb == TAG_PAIR) {
      int r = cmp64(pairI(a.v), pairI(b.v));
      return r ? r : cmp64(pairJ(a.v), pairJ(b.v));
    }
    if (ta == TAG_CELL && tb == TAG_CELL) {
      int r = cmp64(cellC(a.v), cellC(b.v));
      if (!r)
        r = cmp64(cellI(a.v), cellI(b.v));
      return r ? r : cmp64(cellJ(a.v), cellJ(b.v));
    }
    if (ta == TAG_TRIPLE && tb == TAG_TRIPLE)
      return cmp64((int64_t)(a.v ^ kTripleKeyMask),
                   (int64_t)(b.v ^ kTripleKeyMask));
    if (a.v == b.v && ta != TAG_BOX)
      return 0;
  }
  int ca = clsOf(c, a), cb = clsOf(c, b);
  if (ca != cb)
    return ca < cb ? -1 : 1;
  switch (ca) {
  case CLS_NUM:
    return cmp64(numOf(a.v), numOf(b.v));
  case CLS_TUPLE: {
    if (a.row && b.row) {
      uint32_t n = a.w < b.w ? a.w : b.w;
      for (uint32_t k = 0; k < n; ++k)
        if (a.row[k] != b.row[k])
          return a.row[k] < b.row[k] ? -1 : 1;
      return cmp64(a.w, b.w);
    }
    return tupleOrder(c, a, b, false);
  }
  case CLS_SET: {
    if (a.v == b.v)
      return 0;
    NestingScope g(c);
    if (!g.ok)
      return 0;
    Box *ba = box(c, a.v), *bb = box(c, b.v);
    uint32_t n = ba->n < bb->n ? ba->n : bb->n;
    const av *ea = elems(ba), *eb = elems(bb);
    uint64_t top = c->top;
    if (isPyLayout(ba) || isPyLayout(bb)) {
      // Python-order sets: compare their sorted elements (scratch, given
      // back below).
      ea = sortedCopy(c, ba);
      eb = sortedCopy(c, bb);
      if (!ea || !eb) {
        c->top = top;
        return 0;
      }
    }
    int r = 0;
    for (uint32_t k = 0; k < n && !r; ++k)
      r = canonItems(c, mkItem(ea[k]), mkItem(eb[k]));
    c->top = top;
    return r ? r : cmp64(ba->n, bb->n);
  }
  default: {
    int ra = otherRank(a.v), rb = otherRank(b.v);
    if (ra != rb)
      return ra < rb ? -1 : 1;
    if (ra == 1)
      return compareFns(c, a.v, b.v);
    return 0;
  }
  }
}

ARC_HD int compareCanon(ArcCtx *c, av a, av b) {
  return canonItems(c, mkItem(a), mkItem(b));
}

//===----------------------------------------------------------------------===//
// Equality
//===----------------------------------------------------------------------===//

/// Whether two sets hold the same members in the same order (a set built
/// twice alike): then each member of one is, by identity, a member of the
/// other (eqItems' probes would find each by its `is` test). A loop of the
/// recursive eqItems, kept off its cycle (ARC_OFF_CYCLE, docs/gpu.md).
static ARC_HD ARC_OFF_CYCLE bool sameWords(const av *a, const av *b,
                                           uint32_t n) {
  for (uint32_t k = 0; k < n; ++k)
    if (a[k] != b[k])
      return false;
  return true;
}

static ARC_HD bool eqItems(ArcCtx *c, const Item &a, const Item &b) {
  if (!a.row && !b.row && a.v == b.v)
    return true;
  int ca = clsOf(c, a), cb = clsOf(c, b);
  if (ca != cb)
    return false;
  switch (ca) {
  case CLS_NUM:
    return numOf(a.v) == numOf(b.v);
  case CLS_TUPLE: {
    uint32_t na = tupLen(c, a), nb = tupLen(c, b);
    if (na != nb)
      return false;
    if (a.row && b.row) {
      for (uint32_t k = 0; k < na; ++k)
        if (a.row[k] != b.row[k])
          return false;
      return true;
    }
    NestingScope g(c);
    if (!g.ok)
      return false;
    for (uint32_t k = 0; k < na; ++k)
      if (!eqItems(c, tupAt(c, a, k), tupAt(c, b, k)))
        return false;
    return true;
  }
  case CLS_SET: {
    // Canonical sets are sorted and unique: equal iff elementwise equal;
    // python-order sets are equal when one's members are all in the other.
    Box *ba = box(c, a.v), *bb = box(c, b.v);
    if (ba->n != bb->n)
      return false;
    NestingScope g(c);
    if (!g.ok)
      return false;
    if (isPyLayout(ba) || isPyLayout(bb)) {
      if (sameWords(elems(ba), elems(bb), ba->n))
        return true;
      for (uint32_t k = 0; k < ba->n; ++k)
        if (!pySetHas(c, b.v, elems(ba)[k]))
          return false;
      return true;
    }
    for (uint32_t k = 0; k < ba->n; ++k)
      if (!eqItems(c, mkItem(elems(ba)[k]), mkItem(elems(bb)[k])))
        return false;
    return true;
  }
  default:
    if (tagOf(a.v) == TAG_FN && tagOf(b.v) == TAG_FN)
      return sameFn(c, a.v, b.v);
    return a.v == b.v;
  }
}

ARC_HD bool equalValues(ArcCtx *c, av a, av b) {
  return eqItems(c, mkItem(a), mkItem(b));
}

//===----------------------------------------------------------------------===//
// Python ordering
//===----------------------------------------------------------------------===//

/// Python `a <= b` for frozensets (subset test by merging sorted elements).
static ARC_HD bool setSubset(ArcCtx *c, Box *a, Box *b) {
  if (isPyLayout(a) || isPyLayout(b)) {
    for (uint32_t k = 0; k < a->n; ++k)
      if (!pySetHas(c, boxRef(c, b), elems(a)[k]))
        return false;
    return true;
  }
  uint32_t i = 0, j = 0;
  while (i < a->n) {
    if (j >= b->n)
      return false;
    int r = canonItems(c, mkItem(elems(a)[i]), mkItem(elems(b)[j]));
    if (r == 0) {
      ++i;
      ++j;
    } else if (r > 0) {
      ++j;
    } else {
      return false;
    }
  }
  return true;
}

/// Python's order of a special float against a number or special float:
/// -inf < every int < inf; nan is unordered (2).
static ARC_HD int pyFloat(const Item &a, const Item &b) {
  auto rank = [](av v) -> int {
    if (!isFloat(v))
      return 1;
    return floatOf(v) == FLOAT_NEG_INF ? 0 : floatOf(v) == FLOAT_INF ? 2 : -1;
  };
  int x = rank(a.v), y = rank(b.v);
  if (x < 0 || y < 0)
    return 2;
  if (x == 1 && y == 1)
    return cmp64(numOf(a.v), numOf(b.v));
  return cmp64(x, y);
}

static ARC_HD int pyItems(ArcCtx *c, const Item &a, const Item &b) {
  int ca = clsOf(c, a), cb = clsOf(c, b);
  if (!a.row && !b.row && (isFloat(a.v) || isFloat(b.v)) &&
      (isFloat(a.v) || ca == CLS_NUM) && (isFloat(b.v) || cb == CLS_NUM))
    return pyFloat(a, b);
  if (ca != cb || ca == CLS_OTHER) {
    fail(c, ERR_TYPE);
    return 0;
  }
  switch (ca) {
  case CLS_NUM:
    return cmp64(numOf(a.v), numOf(b.v));
  case CLS_TUPLE: {
    return tupleOrder(c, a, b, true);
  }
  default: { // CLS_SET: subset order
    if (eqItems(c, a, b))
      return 0;
    Box *ba = box(c, a.v), *bb = box(c, b.v);
    if (ba->n < bb->n && setSubset(c, ba, bb))
      return -1;
    if (bb->n < ba->n && setSubset(c, bb, ba))
      return 1;
    return 2;
  }
  }
}

ARC_HD int comparePy(ArcCtx *c, av a, av b) {
  int r = pyItems(c, mkItem(a), mkItem(b));
  return r == 2 ? 0 : r;
}

ARC_HD bool truthy(ArcCtx *c, av v) {
  switch (tagOf(v)) {
  case TAG_INT:
  case TAG_BOOL:
    return numOf(v) != 0;
  case TAG_PAIR:
  case TAG_CELL:
  case TAG_TRIPLE:
  case TAG_FN:
  case TAG_FLOAT:
    return true;
  case TAG_BOX:
    return box(c, v)->n != 0;
  default:
    return false;
  }
}

//===----------------------------------------------------------------------===//
// Sorting (bottom-up merge sort, stable, O(n log n), arena scratch)
//===----------------------------------------------------------------------===//

namespace {
struct CanonLess {
  ArcCtx *c;
  ARC_HD bool operator()(av a, av b) const { return compareCanon(c, a, b) < 0; }
};
struct PyLess {
  ArcCtx *c;
  ARC_HD bool operator()(av a, av b) const { return comparePy(c, a, b) < 0; }
};
} // namespace

/// Stable sort of keys[0..n) (payload[] permuted along when non-null).
template <class Less>
static ARC_HD void mergeSort(ArcCtx *c, av *keys, av *payload, uint32_t n,
                             Less less) {
  if (n < 2)
    return;
  const uint32_t kRun = 16;
  // Insertion sort of runs.
  for (uint32_t lo = 0; lo < n; lo += kRun) {
    uint32_t hi = lo + kRun < n ? lo + kRun : n;
    for (uint32_t i = lo + 1; i < hi; ++i) {
      av k = keys[i];
      av p = payload ? payload[i] : 0;
      uint32_t j = i;
      while (j > lo && less(k, keys[j - 1])) {
        keys[j] = keys[j - 1];
        if (payload)
          payload[j] = payload[j - 1];
        --j;
      }
      keys[j] = k;
      if (payload)
        payload[j] = p;
    }
  }
  if (n <= kRun)
    return;
  uint64_t savedTop = c->top;
  av *tk = (av *)arenaAlloc(c, 8ull * n * (payload ? 2 : 1));
  if (!tk)
    return; // ERR_CAPACITY set
  av *tp = payload ? tk + n : nullptr;
  av *sk = keys, *sp = payload, *dk = tk, *dp = tp;
  for (uint32_t width = kRun; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = lo + width < n ? lo + width : n;
      uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      uint32_t i = lo, j = mid, o = lo;
      while (i < mid && j < hi) {
        // Take from the right run only when strictly smaller (stability).
        if (less(sk[j], sk[i])) {
          dk[o] = sk[j];
          if (sp)
            dp[o] = sp[j];
          ++j;
        } else {
          dk[o] = sk[i];
          if (sp)
            dp[o] = sp[i];
          ++i;
        }
        ++o;
      }
      for (; i < mid; ++i, ++o) {
        dk[o] = sk[i];
        if (sp)
          dp[o] = sp[i];
      }
      for (; j < hi; ++j, ++o) {
        dk[o] = sk[j];
        if (sp)
          dp[o] = sp[j];
      }
    }
    av *t = sk;
    sk = dk;
    dk = t;
    t = sp;
    sp = dp;
    dp = t;
    if (c->err)
      break;
  }
  if (sk != keys) {
    for (uint32_t i = 0; i < n; ++i) {
      keys[i] = sk[i];
      if (payload)
        payload[i] = sp[i];
    }
  }
  // Comparisons never allocate, so the scratch is the last allocation.
  c->top = savedTop;
}

static ARC_HD void siftDown(uint64_t *a, uint32_t i, uint32_t n) {
  uint64_t x = a[i];
  for (;;) {
    uint32_t ch = 2 * i + 1;
    if (ch >= n)
      break;
    if (ch + 1 < n && a[ch + 1] > a[ch])
      ++ch;
    if (a[ch] <= x)
      break;
    a[i] = a[ch];
    i = ch;
  }
  a[i] = x;
}

ARC_HD void sortWords(uint64_t *a, uint32_t n) {
  if (n < 2)
    return;
  for (uint32_t i = n / 2; i-- > 0;)
    siftDown(a, i, n);
  for (uint32_t end = n - 1; end > 0; --end) {
    uint64_t t = a[0];
    a[0] = a[end];
    a[end] = t;
    siftDown(a, 0, end);
  }
}

/// When all n values are words of one tag whose canonical order is the
/// unsigned order of the word with a mask flipped (ints, pairs, cells):
/// that mask; else 0.
static ARC_HD uint64_t wordKeyMask(const av *xs, uint32_t n) {
  if (n == 0)
    return 0;
  uint32_t t = tagOf(xs[0]);
  uint64_t mask = t == TAG_INT      ? kIntKeyMask
                  : t == TAG_PAIR   ? kPairKeyMask
                  : t == TAG_CELL   ? kCellKeyMask
                  : t == TAG_TRIPLE ? kTripleKeyMask
                                    : 0;
  for (uint32_t k = 1; k < n && mask; ++k)
    if (tagOf(xs[k]) != t)
      mask = 0;
  return mask;
}

namespace {
struct WordLess {
  ARC_HD bool operator()(av a, av b) const { return a < b; }
};
} // namespace

/// Sort words by their keys (xs[k] ^ mask); nothing to do when already in
/// order (e.g. a shifted patch).
static ARC_HD void sortByWordKey(ArcCtx *c, av *xs, uint32_t n, uint64_t mask) {
  bool sorted = true;
  for (uint32_t k = 1; k < n && sorted; ++k)
    sorted = (xs[k - 1] ^ mask) <= (xs[k] ^ mask);
  if (sorted)
    return;
  for (uint32_t k = 0; k < n; ++k)
    xs[k] ^= mask;
  mergeSort(c, xs, (av *)nullptr, n, WordLess{});
  for (uint32_t k = 0; k < n; ++k)
    xs[k] ^= mask;
}

ARC_HD void sortValues(ArcCtx *c, av *xs, uint32_t n) {
  if (n < 2)
    return;
  if (uint64_t mask = wordKeyMask(xs, n)) {
    sortByWordKey(c, xs, n, mask);
    return;
  }
  CanonLess less{c};
  mergeSort(c, xs, (av *)nullptr, n, less);
}

ARC_HD uint32_t sortUnique(ArcCtx *c, av *xs, uint32_t n) {
  uint64_t mask = wordKeyMask(xs, n);
  if (mask)
    sortByWordKey(c, xs, n, mask);
  else
    mergeSort(c, xs, (av *)nullptr, n, CanonLess{c});
  if (c->err)
    return 0;
  // Words of one tag are equal iff the words are.
  uint32_t m = 0;
  for (uint32_t k = 0; k < n; ++k)
    if (m == 0 ||
        (mask ? xs[m - 1] != xs[k] : compareCanon(c, xs[m - 1], xs[k]) != 0))
      xs[m++] = xs[k];
  return m;
}

ARC_HD void sortByKeys(ArcCtx *c, av *xs, av *keys, uint32_t n) {
  PyLess less{c};
  mergeSort(c, keys, xs, n, less);
}

//===----------------------------------------------------------------------===//
// Canonical construction
//===----------------------------------------------------------------------===//

/// If v is a tuple of TAG_INT values (or empty), its length; else -1.
/// `fitsCell` is cleared when some value does not fit a GridCell.
static ARC_HD int64_t intTupleLen(ArcCtx *c, av v, bool &fitsCell) {
  switch (tagOf(v)) {
  case TAG_PAIR: {
    int64_t i = pairI(v), j = pairJ(v);
    if (i < kGridCellMin || i > kGridCellMax || j < kGridCellMin ||
        j > kGridCellMax)
      fitsCell = false;
    return 2;
  }
  case TAG_TRIPLE: {
    int64_t x[3] = {tripleA(v), tripleB(v), tripleC(v)};
    for (int64_t e : x)
      if (e < kGridCellMin || e > kGridCellMax)
        fitsCell = false;
    return 3;
  }
  case TAG_BOX: {
    Box *b = box(c, v);
    if (b->kind == BOX_GRID)
      return -1; // a grid is a tuple of tuples, not of ints
    if (b->kind != BOX_TUPLE)
      return -1;
    av *e = elems(b);
    for (uint32_t k = 0; k < b->n; ++k) {
      if (tagOf(e[k]) != TAG_INT)
        return -1;
      int64_t x = numOf(e[k]);
      if (x < kGridCellMin || x > kGridCellMax)
        fitsCell = false;
    }
    return b->n;
  }
  default:
    return -1;
  }
}

/// A new box of `kind` holding xs[0..n) as they are.
static ARC_HD av seqBoxOf(ArcCtx *c, uint8_t kind, const av *xs, uint32_t n) {
  Box *b = newSeq(c, kind, n);
  if (!b)
    return kErr;
  av *e = elems(b);
  for (uint32_t k = 0; k < n; ++k)
    e[k] = xs[k];
  return boxRef(c, b);
}

ARC_HD av makeTuple(ArcCtx *c, const av *xs, uint32_t n) {
  if (c->err)
    return kErr;
  if (n == 2 && tagOf(xs[0]) == TAG_INT) {
    if (tagOf(xs[1]) == TAG_INT) {
      int64_t i = numOf(xs[0]), j = numOf(xs[1]);
      if (pairFits(i, j))
        return mkPairRaw(i, j);
    } else if (tagOf(xs[1]) == TAG_PAIR) {
      int64_t col = numOf(xs[0]), i = pairI(xs[1]), j = pairJ(xs[1]);
      if (cellFits(col, i, j))
        return mkCellRaw(col, i, j);
    }
  }
  if (n == 3 && isTok(c) && tagOf(xs[0]) == TAG_INT &&
      tagOf(xs[1]) == TAG_INT && tagOf(xs[2]) == TAG_INT) {
    int64_t a = numOf(xs[0]), b = numOf(xs[1]), d = numOf(xs[2]);
    if (tripleFits(a, b, d))
      return mkTripleRaw(a, b, d);
  }
  if (n >= 1) {
    bool fitsCell = true;
    int64_t w = intTupleLen(c, xs[0], fitsCell);
    bool grid = w >= 0 && w <= (int64_t)kGridMaxDim && n <= kGridMaxDim;
    for (uint32_t k = 1; grid && k < n; ++k)
      grid = intTupleLen(c, xs[k], fitsCell) == w;
    if (grid && fitsCell) {
      Box *g = newGrid(c, n, w);
      if (!g)
        return kErr;
      GridCell *cl = cells(g);
      for (uint32_t k = 0; k < n; ++k) {
        av r = xs[k];
        GridCell *dst = cl + (uint64_t)k * (uint64_t)w;
        if (tagOf(r) == TAG_PAIR) {
          dst[0] = (GridCell)pairI(r);
          dst[1] = (GridCell)pairJ(r);
        } else if (tagOf(r) == TAG_TRIPLE) {
          dst[0] = (GridCell)tripleA(r);
          dst[1] = (GridCell)tripleB(r);
          dst[2] = (GridCell)tripleC(r);
        } else {
          av *e = elems(box(c, r));
          for (int64_t j = 0; j < w; ++j)
            dst[j] = (GridCell)numOf(e[j]);
        }
      }
      return boxRef(c, g);
    }
  }
  return seqBoxOf(c, BOX_TUPLE, xs, n);
}

ARC_HD av makeDistinctSet(ArcCtx *c, av *xs, uint32_t n) {
  if (c->err)
    return kErr;
  return isPyOrder(c) ? pySetFromDistinct(c, xs, n) : makeSet(c, xs, n);
}

ARC_HD av makeSet(ArcCtx *c, av *xs, uint32_t n) {
  if (c->err)
    return kErr;
  if (isPyOrder(c))
    return pySetFromSeq(c, xs, n);
  uint32_t m = sortUnique(c, xs, n);
  if (c->err)
    return kErr;
  return seqBoxOf(c, BOX_SET, xs, m);
}

//===----------------------------------------------------------------------===//
// Sequence view
//===----------------------------------------------------------------------===//

ARC_HD int64_t seqLen(ArcCtx *c, av v) {
  switch (tagOf(v)) {
  case TAG_PAIR:
  case TAG_CELL:
    return 2;
  case TAG_TRIPLE:
    return 3;
  case TAG_BOX:
    return box(c, v)->n;
  default:
    fail(c, ERR_TYPE);
    return 0;
  }
}

ARC_HD av seqAt(ArcCtx *c, av v, int64_t k) {
  if (c->err)
    return kErr;
  int64_t n = seqLen(c, v);
  if (c->err)
    return kErr;
  if (k < 0 || k >= n)
    return fail(c, ERR_INDEX);
  switch (tagOf(v)) {
  case TAG_PAIR:
    return intWord(k == 0 ? pairI(v) : pairJ(v));
  case TAG_CELL:
    return k == 0 ? intWord(cellC(v)) : mkPairRaw(cellI(v), cellJ(v));
  case TAG_TRIPLE:
    return intWord(k == 0 ? tripleA(v) : k == 1 ? tripleB(v) : tripleC(v));
  default: {
    Box *b = box(c, v);
    if (b->kind != BOX_GRID)
      return elems(b)[k];
    uint32_t w = b->w;
    const GridCell *row = cells(b) + (uint64_t)k * w;
    if (w == 2)
      return mkPairRaw(row[0], row[1]);
    if (w == 3 && isTok(c))
      return mkTripleRaw(row[0], row[1], row[2]);
    Box *t = newSeq(c, BOX_TUPLE, w);
    if (!t)
      return kErr;
    for (uint32_t j = 0; j < w; ++j)
      elems(t)[j] = intWord(row[j]);
    return boxRef(c, t);
  }
  }
}

ARC_HD av *scratch(ArcCtx *c, uint64_t n) {
  return (av *)arenaAlloc(c, 8ull * (n ? n : 1));
}

ARC_HD Box *asGrid(ArcCtx *c, av v) {
  if (c->err)
    return nullptr;
  if (!isBox(v)) {
    fail(c, ERR_TYPE);
    return nullptr;
  }
  Box *b = box(c, v);
  if (b->kind == BOX_GRID)
    return b;
  if (b->kind != BOX_TUPLE) {
    fail(c, ERR_TYPE);
    return nullptr;
  }
  // A boxed tuple is grid-shaped when every element is a tuple of numbers
  // of one length (bools count as ints); the empty tuple gives a 0x0 grid.
  uint32_t h = b->n;
  av *rows = elems(b);
  int64_t w = -1;
  for (uint32_t k = 0; k < h; ++k) {
    av r = rows[k];
    int64_t len;
    if (tagOf(r) == TAG_PAIR) {
      len = 2;
    } else if (tagOf(r) == TAG_TRIPLE) {
      len = 3;
    } else if (isTupleBox(c, r)) {
      Box *rb = box(c, r);
      len = rb->n;
      for (uint32_t j = 0; j < rb->n; ++j)
        if (!isNum(elems(rb)[j])) {
          fail(c, ERR_TYPE);
          return nullptr;
        }
    } else {
      fail(c, ERR_TYPE);
      return nullptr;
    }
    if (w >= 0 && len != w) {
      fail(c, ERR_TYPE);
      return nullptr;
    }
    w = len;
  }
  if (w < 0)
    w = 0;
  Box *g = newGrid(c, h, w);
  if (!g)
    return nullptr;
  for (uint32_t k = 0; k < h; ++k) {
    av r = rows[k];
    for (int64_t j = 0; j < w; ++j) {
      int64_t x;
      if (tagOf(r) == TAG_PAIR)
        x = j == 0 ? pairI(r) : pairJ(r);
      else if (tagOf(r) == TAG_TRIPLE)
        x = j == 0 ? tripleA(r) : j == 1 ? tripleB(r) : tripleC(r);
      else
        x = numOf(elems(box(c, r))[j]);
      if (!putCell(c, g, k, j, x))
        return nullptr;
    }
  }
  return g;
}

} // namespace arcdsl
