//===- PySetRules.h - CPython's set rules shared by PySet*.cpp ---*- C++ -*-===//
//
// Internal to the primitive library: the probe sequence, growth rule and
// hashes of words that PySet.cpp (tables of any key, set algebra) and
// PySetBuild.cpp (sets of inline keys built fast, stack tables) both use.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_PRIMITIVES_PYSETRULES_H
#define ARCDSL_LIB_PRIMITIVES_PYSETRULES_H

#include "ArcDsl/Primitives/PySet.h"

namespace arcdsl {

namespace {
constexpr uint64_t kXxPrime1 = 11400714785074694791ull;
constexpr uint64_t kXxPrime2 = 14029467366897019727ull;
constexpr uint64_t kXxPrime5 = 2870177450012600261ull;
constexpr int kLinearProbes = 9;
constexpr int kPerturbShift = 5;
constexpr int64_t kNoneHash = 612812;
} // namespace

static ARC_INLINE uint64_t tupleLane(uint64_t acc, uint64_t lane) {
  acc += lane * kXxPrime2;
  acc = (acc << 31) | (acc >> 33);
  return acc * kXxPrime1;
}
static ARC_INLINE int64_t tupleEnd(uint64_t acc, uint64_t len) {
  acc += len ^ (kXxPrime5 ^ 3527539ull);
  return acc == ~0ull ? 1546275796 : (int64_t)acc;
}
/// hash() of an int whose magnitude is below 2^61 - 1 (all INT words).
static ARC_INLINE int64_t intHash(int64_t x) { return x == -1 ? -2 : x; }
static ARC_INLINE int64_t intsTupleHash(const int64_t *xs, uint32_t n) {
  uint64_t acc = kXxPrime5;
  for (uint32_t k = 0; k < n; ++k)
    acc = tupleLane(acc, (uint64_t)intHash(xs[k]));
  return tupleEnd(acc, n);
}

/// hash() of a value that is not a box (no arena, no recursion): inlined
/// where tables hash their keys.
static ARC_INLINE int64_t wordHash(av v) {
  switch (tagOf(v)) {
  case TAG_INT:
  case TAG_BOOL:
    return intHash(numOf(v));
  case TAG_PAIR: {
    int64_t xs[2] = {pairI(v), pairJ(v)};
    return intsTupleHash(xs, 2);
  }
  case TAG_CELL: {
    int64_t ij[2] = {cellI(v), cellJ(v)};
    uint64_t acc = tupleLane(kXxPrime5, (uint64_t)intHash(cellC(v)));
    acc = tupleLane(acc, (uint64_t)intsTupleHash(ij, 2));
    return tupleEnd(acc, 2);
  }
  case TAG_TRIPLE: {
    int64_t xs[3] = {tripleA(v), tripleB(v), tripleC(v)};
    return intsTupleHash(xs, 3);
  }
  case TAG_FLOAT:
    if (floatOf(v) == FLOAT_INF)
      return 314159;
    if (floatOf(v) == FLOAT_NEG_INF)
      return -314159;
    return 0x7FF8; // nan: hashed by identity since 3.10
  case TAG_NONE:
    // By address before 3.12: Debian 12's python3.11 is not position
    // independent, so None sits at 0x959bc0 and hashes to 612812 in every
    // process (a PIE build varies per process; 3.12 fixes 0xfca86420).
    return kNoneHash;
  case TAG_FN: // by address
    return (int64_t)(v & 0xFFFFFFFFFull) * 16 + 0x10000;
  default:
    return 0;
  }
}

/// CPython's probe sequence: from slot i, the slots up to i + probeSpan
/// (LINEAR_PROBES more when they fit in the table), then a jump.
static ARC_INLINE uint64_t probeSpan(uint64_t i, uint64_t mask) {
  return i + kLinearProbes <= mask ? kLinearProbes : 0;
}
static ARC_INLINE void nextProbe(uint64_t &i, uint64_t &perturb,
                                 uint64_t mask) {
  perturb >>= kPerturbShift;
  i = (i * 5 + 1 + perturb) & mask;
}

/// set_insert_clean: the first empty slot of h's probe sequence.
static ARC_INLINE uint64_t cleanSlot(const av *key, uint64_t mask, int64_t h) {
  uint64_t perturb = (uint64_t)h, i = (uint64_t)h & mask;
  for (;; nextProbe(i, perturb, mask))
    for (uint64_t j = 0, n = probeSpan(i, mask); j <= n; ++j)
      if (key[i + j] == kTabEmpty)
        return i + j;
}

static ARC_INLINE void insertClean(PyTab *t, av k, int64_t h) {
  uint64_t s = cleanSlot(t->key, t->mask, h);
  t->key[s] = k;
  t->hash[s] = h;
}

/// The minused a growing table is resized for (CPython's set growth rule).
static ARC_INLINE uint64_t growthTarget(uint64_t used) {
  return used > 50000 ? used * 2 : used * 4;
}

/// set_table_resize's new size: the smallest power of two above minused
/// (at least PySet_MINSIZE, 8).
static ARC_INLINE uint64_t tableSizeFor(uint64_t minused) {
  uint64_t size = 8;
  while (size <= minused)
    size <<= 1;
  return size;
}

/// log2 of a table size (a set box's layout bits, Box::w).
static ARC_INLINE uint32_t tableLog2(uint64_t size) {
  uint32_t log2 = 0;
  while ((1ull << log2) < size)
    ++log2;
  return log2;
}

/// Python `==` of two keys with equal hashes.
static ARC_INLINE bool sameKey(ArcCtx *c, av a, av b) {
  return a == b || equalValues(c, a, b);
}

/// A set box's members and their slots from a table of `size` slots, in
/// slot order: its `used` active keys. Branch-free (a table's occupancy
/// is random, so a branch a slot mispredicts half the time); a slot read
/// past the last member is not written.
static ARC_INLINE void readSlots(const av *key, uint64_t size, uint64_t used,
                                 av *e, uint32_t *sl) {
  uint64_t m = 0;
  for (uint64_t s = 0; m < used && s < size; ++s) {
    av k = key[s];
    e[m] = k;
    sl[m] = (uint32_t)s;
    m += tabActive(k);
  }
}

/// Python `==` of two inline keys (ints, bools, pairs, cells, triples):
/// equal words, or an int and a bool of the same value (keys of other
/// tags differ in length or in the type of a member).
static ARC_INLINE bool inlineEq(av a, av b) {
  return a == b || (isNum(a) && isNum(b) && numOf(a) == numOf(b));
}

/// Move box b, the last allocation, down to arena offset `dest` (the
/// aligned start of temporaries it was built from, below it): they are
/// given back, and a set built from data leaves no garbage behind.
ARC_HD av settleBox(ArcCtx *c, Box *b, uint64_t dest);

/// A table of inline keys as CPython's set holds them: per slot a key or
/// kTabEmpty (PySetBuild.cpp's compactTable).
struct KeyTable {
  av *key;
  uint64_t mask, used;
};

/// A table of asindices(h x w)'s keys, each as its row-major cell index
/// i * w + j in 4 bytes (kFreeCell: an empty slot).
constexpr uint32_t kFreeCell = 0xFFFFFFFFu;
struct CellTable {
  uint32_t *cell;
  uint64_t mask, used;
};

/// asindices(h x w)'s members in iteration order for a caller that only
/// walks them, as row-major cell indices: cells[0..count), skipping
/// kFreeCell entries (the empty slots of a table: no set box is made of a
/// shape beyond the host's cache). False on an error.
struct CellWalk {
  const uint32_t *cells;
  uint64_t count;
};
ARC_HD bool pyIndexWalk(ArcCtx *c, int64_t h, int64_t w, CellWalk &out);

/// frozenset(xs) of ints, bools and inline tuples (PySetBuild.cpp);
/// `distinct`: no two keys are equal.
ARC_HD av compactSet(ArcCtx *c, const av *xs, uint32_t n, bool distinct);
/// Whether every key is an int, a bool or an inline tuple.
ARC_HD bool allInlineKeys(const av *xs, uint32_t n);

} // namespace arcdsl

#endif // ARCDSL_LIB_PRIMITIVES_PYSETRULES_H
