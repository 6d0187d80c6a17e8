//===- Containers.cpp - container primitives ------------------------------===//
//
// contained, combine, intersection, difference, dedupe, repeat, size,
// merge, initset, totuple, insert, remove, interval, astuple, product, pair
// and branch, with tokpidjin's tuple builders and container variants.
// Host/device neutral: no STL, no heap, no function pointers. Results are
// built through makeTuple/makeSet, or written directly as SET boxes when the
// elements are already sorted and unique.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "ContainerUtil.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "TokUtil.h"

using namespace arcdsl;

ARCDSL_EXPORT av arcdsl_prim_contained(ArcCtx *c, av value, av container) {
  ARC_PRIM_ENTER(c);
  int r = contains(c, value, container);
  if (r < 0 || c->err)
    return kErr;
  return mkBool(r != 0);
}

ARCDSL_EXPORT av arcdsl_prim_combine(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, a)) {
    // frozenset((*a, *b)): the union, built by adding a's then b's.
    if (isSet(c, b) && !isPyOrder(c))
      return setAlgebra(c, a, b, SO_UNION);
    av *xs;
    uint32_t n;
    if (!concatElems(c, a, b, xs, n))
      return kErr;
    return makeSet(c, xs, n);
  }
  if (!isTupleLike(c, a))
    return fail(c, ERR_TYPE);
  // tuple((*a, *b)): the concatenation, whatever b's kind.
  if (isTupleLike(c, b)) {
    if (seqLen(c, b) == 0)
      return a;
    if (seqLen(c, a) == 0)
      return b;
  }
  return concatSeq(c, a, b);
}

ARCDSL_EXPORT av arcdsl_prim_intersection(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, a) && isSet(c, b))
    return setAlgebra(c, a, b, SO_INTER);
  if (isNum(a) && isNum(b)) {
    int64_t r = numOf(a) & numOf(b);
    if (tagOf(a) == TAG_BOOL && tagOf(b) == TAG_BOOL)
      return mkBool(r != 0);
    return mkInt(c, r);
  }
  return fail(c, ERR_TYPE);
}

ARCDSL_EXPORT av arcdsl_prim_difference(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  // type(a)(e for e in a if e not in b): not a - b, so under the python
  // order the result is a new set of the kept elements, added in turn.
  if (isSet(c, a) && isSet(c, b) && !isPyOrder(c))
    return setAlgebra(c, a, b, SO_DIFF);
  Seq sa;
  if (!openSeq(c, a, sa))
    return kErr;
  if (sa.n == 0 && !(sa.kind == BOX_SET && isPyOrder(c)))
    return a;
  if (!charge(c, (uint64_t)sa.n + 1))
    return kErr;
  av *xs = scratch(c, (uint64_t)sa.n);
  if (!xs)
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < sa.n; ++i) {
    av e = seqGet(c, sa, i);
    int r = contains(c, e, b);
    if (r < 0 || c->err)
      return kErr;
    if (!r)
      xs[k++] = e;
  }
  if (sa.kind == BOX_SET && isPyOrder(c))
    return makeSet(c, xs, k);
  if (sa.kind == BOX_SET) {
    // A subset of a sorted unique sequence is still sorted and unique.
    Box *o = newSeq(c, BOX_SET, k);
    if (!o)
      return kErr;
    for (uint32_t i = 0; i < k; ++i)
      elems(o)[i] = xs[i];
    return boxRef(c, o);
  }
  return makeTuple(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_dedupe(ArcCtx *c, av tup) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, tup, s))
    return kErr;
  if (s.n == 0)
    return makeTuple(c, nullptr, 0);
  if (s.kind == BOX_SET)
    return fail(c, ERR_TYPE); // frozenset has no .index
  if (tagOf(tup) == TAG_PAIR) {
    if (pairI(tup) == pairJ(tup)) {
      av one = mkInt(c, pairI(tup));
      return makeTuple(c, &one, 1);
    }
    return tup;
  }
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  av *xs = copyElems(c, s);
  if (!xs)
    return kErr;
  uint32_t n = (uint32_t)s.n;
  uint8_t *keep = (uint8_t *)arenaAlloc(c, n);
  if (!keep)
    return kErr;
  for (uint32_t i = 0; i < n; ++i)
    keep[i] = 1;
  if (n <= 32) {
    for (uint32_t i = 1; i < n; ++i)
      for (uint32_t j = 0; j < i; ++j)
        if (keep[j] && (xs[i] == xs[j] || equalValues(c, xs[i], xs[j]))) {
          keep[i] = 0;
          break;
        }
  } else {
    uint32_t *idx = (uint32_t *)arenaAlloc(c, 4ull * n);
    if (!idx)
      return kErr;
    for (uint32_t i = 0; i < n; ++i)
      idx[i] = i;
    if (!sortIndices(c, xs, idx, n))
      return kErr;
    // Stable: within a run of equal values the first index comes first.
    uint32_t i = 0;
    while (i < n) {
      uint32_t j = i + 1;
      while (j < n && (xs[idx[j]] == xs[idx[i]] ||
                       equalValues(c, xs[idx[j]], xs[idx[i]])))
        keep[idx[j++]] = 0;
      i = j;
    }
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; ++i)
    if (keep[i])
      xs[k++] = xs[i];
  if (k == n)
    return tup;
  return makeTuple(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_repeat(ArcCtx *c, av item, av num) {
  ARC_PRIM_ENTER(c);
  if (!isNum(num))
    return fail(c, ERR_TYPE);
  int64_t n = numOf(num);
  if (n < 0)
    n = 0;
  av *xs;
  if (!countScratch(c, n, xs))
    return kErr;
  for (int64_t i = 0; i < n; ++i)
    xs[i] = item;
  return makeTuple(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_size(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, container);
  if (c->err)
    return kErr;
  return mkInt(c, n);
}

ARCDSL_EXPORT av arcdsl_prim_merge(ArcCtx *c, av containers) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, containers, s))
    return kErr;
  if (s.kind == BOX_GRID) {
    // A tuple of all the cells, row-major.
    Box *g = box(c, containers);
    uint64_t n = (uint64_t)g->n * g->w;
    if (!charge(c, n + 1))
      return kErr;
    av *xs = scratch(c, n);
    if (!xs && n)
      return kErr;
    g = box(c, containers);
    const GridCell *p = cells(g);
    for (uint64_t i = 0; i < n; ++i)
      xs[i] = mkInt(c, p[i]);
    return makeTuple(c, xs, (uint32_t)n);
  }
  // Total size first.
  uint64_t total = 0;
  for (int64_t i = 0; i < s.n; ++i) {
    av e = seqGet(c, s, i);
    int64_t m = seqLen(c, e);
    if (c->err)
      return kErr;
    total += (uint64_t)m;
  }
  av *xs;
  if (!elemScratch(c, total, xs))
    return kErr;
  uint64_t k = 0;
  for (int64_t i = 0; i < s.n; ++i) {
    Seq e;
    if (!openSeq(c, seqGet(c, s, i), e))
      return kErr;
    if (!appendAll(c, xs, &k, e))
      return kErr;
  }
  if (s.kind == BOX_SET)
    return makeSet(c, xs, (uint32_t)total);
  return makeTuple(c, xs, (uint32_t)total);
}

ARCDSL_EXPORT av arcdsl_prim_initset(ArcCtx *c, av value) {
  ARC_PRIM_ENTER(c);
  if (isPyOrder(c)) // frozenset({value})
    return pySetFromSetOf(c, &value, 1);
  Box *b = newSeq(c, BOX_SET, 1);
  if (!b)
    return kErr;
  elems(b)[0] = value;
  return boxRef(c, b);
}

ARCDSL_EXPORT av arcdsl_prim_totuple(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  if (isTupleLike(c, container))
    return container;
  if (!isSet(c, container))
    return fail(c, ERR_TYPE);
  Box *b = box(c, container);
  if (!charge(c, (uint64_t)b->n + 1))
    return kErr;
  return makeTuple(c, elems(b), b->n);
}

ARCDSL_EXPORT av arcdsl_prim_insert(ArcCtx *c, av value, av container) {
  ARC_PRIM_ENTER(c);
  if (!isSet(c, container))
    return fail(c, ERR_TYPE); // only frozensets have .union
  if (isPyOrder(c)) {         // container.union(frozenset({value}))
    av one = pySetFromSetOf(c, &value, 1);
    return c->err ? kErr : pySetOr(c, container, one);
  }
  Box *b = box(c, container);
  uint32_t n = b->n;
  // Binary search for the insertion point.
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int r = compareCanon(c, elems(b)[mid], value);
    if (r == 0)
      return container;
    if (r < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (c->err)
    return kErr;
  if (!charge(c, (uint64_t)n + 2))
    return kErr;
  Box *o = newSeq(c, BOX_SET, n + 1);
  if (!o)
    return kErr;
  b = box(c, container);
  const av *src = elems(b);
  av *dst = elems(o);
  for (uint32_t k = 0; k < lo; ++k)
    dst[k] = src[k];
  dst[lo] = value;
  for (uint32_t k = lo; k < n; ++k)
    dst[k + 1] = src[k];
  return boxRef(c, o);
}

/// Python `type(container)(e for e in container if e != value)`.
static ARC_HD av removeValue(ArcCtx *c, av value, av container) {
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.kind == BOX_SET && isPyOrder(c)) {
    // A new set of the other elements, added in turn.
    if (!charge(c, (uint64_t)s.n + 1))
      return kErr;
    av *xs = scratch(c, (uint64_t)s.n);
    if (!xs && s.n)
      return kErr;
    uint32_t k = 0;
    for (int64_t i = 0; i < s.n; ++i) {
      av e = seqGet(c, s, i);
      if (!(e == value || equalValues(c, e, value)))
        xs[k++] = e;
    }
    return makeSet(c, xs, k);
  }
  if (s.n == 0)
    return container;
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  if (s.kind == BOX_SET) {
    // At most one element matches: find it, copy the others.
    Box *b = box(c, container);
    uint32_t n = b->n, at = n;
    for (uint32_t i = 0; i < n && at == n; ++i) {
      av e = elems(b)[i];
      if (e == value || equalValues(c, e, value))
        at = i;
    }
    if (at == n)
      return container;
    Box *o = newSeq(c, BOX_SET, n - 1);
    if (!o)
      return kErr;
    b = box(c, container);
    for (uint32_t i = 0, k = 0; i < n; ++i)
      if (i != at)
        elems(o)[k++] = elems(b)[i];
    return boxRef(c, o);
  }
  if (s.kind == BOX_GRID) {
    Box *g = box(c, container);
    uint32_t h = g->n, w = g->w, keep = 0;
    for (uint32_t r = 0; r < h; ++r)
      keep += !rowEquals(c, value, g, r);
    if (keep == h)
      return container;
    if (keep == 0)
      return makeTuple(c, nullptr, 0);
    Box *o = newGrid(c, keep, w);
    if (!o)
      return kErr;
    g = box(c, container);
    uint32_t k = 0;
    for (uint32_t r = 0; r < h; ++r) {
      if (rowEquals(c, value, g, r))
        continue;
      for (uint32_t j = 0; j < w; ++j)
        cells(o)[k * w + j] = cells(g)[r * w + j];
      ++k;
    }
    return boxRef(c, o);
  }
  av *xs = scratch(c, (uint64_t)s.n);
  if (!xs)
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < s.n; ++i) {
    av e = seqGet(c, s, i);
    if (c->err)
      return kErr;
    if (!(e == value || equalValues(c, e, value)))
      xs[k++] = e;
  }
  if (k == s.n)
    return container;
  return makeTuple(c, xs, k);
}

PRIM_FN2(remove, value, container, removeValue(c, value, container))

ARCDSL_EXPORT av arcdsl_prim_other(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  av r = removeValue(c, value, container);
  if (c->err)
    return kErr;
  Seq s;
  if (!openSeq(c, r, s))
    return kErr;
  if (s.n == 0)
    return fail(c, ERR_STOP_ITERATION);
  return seqGet(c, s, 0);
}

ARCDSL_EXPORT av arcdsl_prim_interval(ArcCtx *c, av start, av stop, av step) {
  ARC_PRIM_ENTER(c);
  if (!isNum(start) || !isNum(stop) || !isNum(step))
    return fail(c, ERR_TYPE);
  int64_t a = numOf(start), b = numOf(stop), d = numOf(step);
  if (d == 0)
    return fail(c, ERR_VALUE);
  int64_t n = 0;
  if (d > 0 && b > a)
    n = (b - a + d - 1) / d;
  else if (d < 0 && a > b)
    n = (a - b + (-d) - 1) / (-d);
  av *xs;
  if (!countScratch(c, n, xs))
    return kErr;
  for (int64_t k = 0; k < n; ++k)
    xs[k] = mkInt(c, a + k * d);
  return makeTuple(c, xs, (uint32_t)n);
}

PRIM_FN2(astuple, a, b, mk2(c, a, b))

ARCDSL_EXPORT av arcdsl_prim_product(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  Seq sa, sb;
  if (!openSeq(c, a, sa) || !openSeq(c, b, sb))
    return kErr;
  uint64_t n = (uint64_t)sa.n * (uint64_t)sb.n;
  if (!charge(c, n + 1))
    return kErr;
  if (n > 0xFFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  av *xs = scratch(c, n);
  if (!xs && n)
    return kErr;
  uint64_t k = 0;
  for (int64_t j = 0; j < sb.n; ++j) {
    av y = seqGet(c, sb, j);
    for (int64_t i = 0; i < sa.n; ++i) {
      xs[k++] = mk2(c, seqGet(c, sa, i), y);
      if (c->err)
        return kErr;
    }
  }
  return makeSet(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_pair(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  Seq sa, sb;
  if (!openSeq(c, a, sa) || !openSeq(c, b, sb))
    return kErr;
  int64_t n = sa.n < sb.n ? sa.n : sb.n;
  if (!charge(c, (uint64_t)n + 1))
    return kErr;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs && n)
    return kErr;
  for (int64_t k = 0; k < n; ++k) {
    xs[k] = mk2(c, seqGet(c, sa, k), seqGet(c, sb, k));
    if (c->err)
      return kErr;
  }
  return makeTuple(c, xs, (uint32_t)n);
}

PRIM_FN3(branch, condition, a, b, truthPick(c, condition, a, b))

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_other(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  av rest = tok(c, TOK_ID_remove, value, container);
  return tok(c, TOK_ID_first, rest);
}

ARCDSL_EXPORT av arcdsl_tok_other_f(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  av rest = tok(c, TOK_ID_remove_f, value, container);
  if (!truthy(c, rest))
    return makeSet(c, nullptr, 0);
  int64_t n = seqLen(c, rest);
  if (c->err)
    return kErr;
  return n ? seqAt(c, rest, 0) : fail(c, ERR_STOP_ITERATION);
}

/// `filtered = tuple(e for e in container if e != value)`; its first
/// element, or (): the first of the container's own order (Hodel's other
/// takes the first of a new set).
ARCDSL_EXPORT av arcdsl_tok_other_t(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  for (int64_t k = 0; k < n; ++k)
    if (!pyEq(c, xs[k], value))
      return xs[k];
  return emptyTuple(c);
}

//===----------------------------------------------------------------------===//
// Cells, tuples and filters
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_astriple(ArcCtx *c, av i, av j, av col) {
  ARC_PRIM_ENTER(c);
  av xs[3] = {i, j, col};
  return makeTuple(c, xs, 3);
}

ARCDSL_EXPORT av arcdsl_tok_ascell(ArcCtx *c, av ij, av col) {
  ARC_PRIM_ENTER(c);
  av xs[3] = {pySubscriptValue(c, ij, intW(0)),
              pySubscriptValue(c, ij, intW(1)), col};
  return c->err ? kErr : makeTuple(c, xs, 3);
}

ARCDSL_EXPORT av arcdsl_tok_toij(ArcCtx *c, av cell) {
  ARC_PRIM_ENTER(c);
  av xs[2] = {pySubscriptValue(c, cell, intW(0)),
              pySubscriptValue(c, cell, intW(1))};
  return c->err ? kErr : makeTuple(c, xs, 2);
}

ARCDSL_EXPORT av arcdsl_tok_celltuple(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  int64_t na, nb;
  av *xa = items(c, a, &na);
  av *xb = xa ? items(c, b, &nb) : nullptr;
  if (!xb)
    return kErr;
  int64_t n = na < nb ? na : nb;
  av *out = scratch(c, (uint64_t)n);
  if (!out)
    return kErr;
  for (int64_t k = 0; k < n; ++k) { // (x, y), z = pair, value
    int64_t len = seqLen(c, xa[k]);
    if (c->err)
      return kErr;
    if (len != 2 || isSet(c, xa[k]))
      return fail(c, len != 2 ? ERR_VALUE : ERR_TYPE);
    av t[3] = {seqAt(c, xa[k], 0), seqAt(c, xa[k], 1), xb[k]};
    out[k] = makeTuple(c, t, 3);
  }
  return c->err ? kErr : makeTuple(c, out, (uint32_t)n);
}

TOK_FN3(c_branch, condition, a, b, truthy(c, condition) ? a : b)

ARCDSL_EXPORT av arcdsl_tok_is_no_grid(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  if (!isPyTuple(c, x))
    return mkBool(true);
  if (isGrid(c, x))
    return mkBool(false);
  int64_t n = seqLen(c, x);
  for (int64_t k = 0; k < n; ++k) {
    av r = seqAt(c, x, k);
    if (!isPyTuple(c, r))
      return mkBool(true);
    int64_t w = seqLen(c, r);
    for (int64_t j = 0; j < w; ++j)
      if (!isNum(seqAt(c, r, j)))
        return mkBool(true);
  }
  return c->err ? kErr : mkBool(false);
}

ARCDSL_EXPORT av arcdsl_tok_dedupe_pair_tuple(ArcCtx *c, av samples) {
  ARC_PRIM_ENTER(c);
  return keepIf(c, samples, false, [&](av pair) { // a, b = pair; a != b
    if (seqLen(c, pair) != 2) {
      if (!c->err)
        fail(c, ERR_VALUE);
      return false;
    }
    return !equalValues(c, seqAt(c, pair, 0), seqAt(c, pair, 1));
  });
}

//===----------------------------------------------------------------------===//
// Operators, upscaling, centre of mass and periods
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_combine_f(ArcCtx *c, av a, av b) { // a | b
  ARC_PRIM_ENTER(c);
  if (isSet(c, a) && isSet(c, b))
    return isPyOrder(c) ? pySetOr(c, a, b) : arcdsl_prim_combine(c, a, b);
  if (isNum(a) && isNum(b)) {
    int64_t r = numOf(a) | numOf(b);
    return tagOf(a) == TAG_BOOL && tagOf(b) == TAG_BOOL ? mkBool(r != 0)
                                                        : intW(r);
  }
  return fail(c, ERR_TYPE);
}

ARCDSL_EXPORT av arcdsl_tok_combine_t(ArcCtx *c, av a, av b) { // a + b
  ARC_PRIM_ENTER(c);
  if (isPyTuple(c, a) && isPyTuple(c, b))
    return arcdsl_prim_combine(c, a, b);
  if (isNum(a) && isNum(b))
    return mkInt(c, numOf(a) + numOf(b));
  return fail(c, ERR_TYPE);
}
