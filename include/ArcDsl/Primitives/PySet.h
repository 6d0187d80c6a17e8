//===- PySet.h - CPython's set order, modelled --------------------*- C++ -*-===//
//
// Under the python order (ArcCtx::order, `--order python`) a frozenset
// iterates as stock CPython 3.11 iterates it: in the order of its hash
// table. That order depends on the elements' hashes, on the table's size
// and on how the set was built (insertion history, copies, deletions), so
// a set value carries it:
//
//   Box { kind = BOX_SET, w = layout, n }   w == 0: canonical layout
//   av elems[n]        the elements in iteration (table) order
//   uint32_t slots[n]  the table index of each element (ascending)
//   int64_t hash       hash(set) once computed, -1 before (CPython caches
//                      a frozenset's hash too: nested sets hash in linear
//                      time, and without a recursion per level)
//
// layout = log2(table size) | kSetDummies when the table has deleted
// entries (CPython's fill != used) | memo bits (kSetAddrKnown). Readers that only iterate use elems[]
// as before; constructors build a PyTab (a mutable CPython set table in
// the arena: set_add_entry, set_insert_clean, set_table_resize, set_merge,
// set_discard_entry, written from the algorithm's description) and freeze
// it. Host/device neutral like the rest of the library.
//
// What this models: hash() of int, bool, tuple (the xxHash-based tuple hash
// of 3.8+), frozenset, inf/-inf; the table rules of 3.11 (the same in 3.10
// and 3.12; docs/order.md). Not reproducible (address-based in CPython):
// hash(None) before 3.12, of nan, of functions: a table that holds such a
// key next to another sets ORDER_ADDRESS_HASH in the context, so hosts
// can count those samples.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_PYSET_H
#define ARCDSL_PRIMITIVES_PYSET_H

#include "ArcDsl/Primitives/Value.h"

namespace arcdsl {

/// Layout bits of a python-order set box (Box::w).
constexpr uint32_t kSetLog2Mask = 0x1F;
constexpr uint32_t kSetDummies = 0x20;
/// Memo bits: whether the set holds a value CPython hashes by address
/// (None, nan, a function) is known, and the answer.
constexpr uint32_t kSetAddrKnown = 0x40;
constexpr uint32_t kSetAddrHashed = 0x80;

ARC_INLINE bool isPyLayout(const Box *b) { return b->w != 0; }
ARC_INLINE uint32_t *setSlots(Box *b) {
  return (uint32_t *)(elems(b) + b->n);
}
ARC_INLINE uint64_t setMask(const Box *b) {
  return (1ull << (b->w & kSetLog2Mask)) - 1;
}
/// Bytes of a python-layout set box with n elements.
ARC_INLINE uint64_t pySetBytes(uint32_t n) {
  return ((sizeof(Box) + 12ull * n + 7) & ~7ull) + 8;
}
/// The cached hash of a python-layout set box (-1: not computed yet).
ARC_INLINE int64_t *setHashCache(Box *b) {
  return (int64_t *)((uint8_t *)b + pySetBytes(b->n) - 8);
}

/// CPython 3.11's hash() of a value.
ARC_HD int64_t pyHash(ArcCtx *c, av v);

/// A mutable CPython set table in the arena.
struct PyTab {
  av *key;       ///< per slot: a value, kTabEmpty or kTabDummy
  int64_t *hash; ///< per slot: the key's hash
  uint64_t mask, fill, used;
  uint64_t lo, hi; ///< arena span of the current arrays
  uint64_t base;   ///< start of contiguous table arrays (for reclaiming)
  uint64_t addrKeys; ///< keys hashed by address (None, nan, functions)
};
constexpr av kTabEmpty = kErr;
constexpr av kTabDummy = kErr | 1;
ARC_INLINE bool tabActive(av k) { return tagOf(k) != TAG_ERR; }

/// An empty set (8 slots); false on a capacity error.
ARC_HD bool tabInit(ArcCtx *c, PyTab *t);
/// set_table_resize(t, minused): the smallest table above minused, the
/// live entries reinserted in table order.
ARC_HD bool tabResize(ArcCtx *c, PyTab *t, uint64_t minused);
/// The end of set_difference_update: a table whose deleted entries are
/// more than a quarter of it is resized without them.
ARC_HD bool tabDropDummies(ArcCtx *c, PyTab *t);
/// set_add_entry: add `key` (hash h) unless an equal key is present.
ARC_HD bool tabAdd(ArcCtx *c, PyTab *t, av key, int64_t h);
ARC_HD bool tabAddKey(ArcCtx *c, PyTab *t, av key);
/// Slot of the key equal to `key`, or -1.
ARC_HD int64_t tabFind(ArcCtx *c, const PyTab *t, av key, int64_t h);
/// set_discard_entry: true when it was there.
ARC_HD bool tabDiscard(ArcCtx *c, PyTab *t, av key, int64_t h);
/// set_merge(t, s) for a frozenset value s (set.update(s), the copy that
/// frozenset(s) / set(s) / s | ... start from).
ARC_HD bool tabMergeSet(ArcCtx *c, PyTab *t, av s);
/// set_merge(t, o) for a mutable set o.
ARC_HD bool tabMergeTab(ArcCtx *c, PyTab *t, const PyTab *o);
/// The table itself as a frozenset value (what frozenset(generator) and
/// a set operation's result are).
ARC_HD av tabFreeze(ArcCtx *c, PyTab *t);
/// frozenset(t) of a mutable set t: a new table through set_merge.
ARC_HD av tabFreezeCopy(ArcCtx *c, const PyTab *t);

/// A set of a few inline keys (a cell's neighbours: a set display, a
/// comprehension, a union of two) in a table of at most 32 slots on the
/// stack: CPython's adds, merges and growth, no arena. `t` views it as a
/// PyTab for tabMergeTab.
struct TinyTab {
  av key[32];
  int64_t hash[32];
  PyTab t;
};
ARC_HD void tinyInit(TinyTab *s);
/// set_add_entry of an int, bool or inline tuple.
ARC_HD bool tinyAdd(ArcCtx *c, TinyTab *s, av key);
/// set_merge(s, o) (s |= o).
ARC_HD bool tinyMerge(ArcCtx *c, TinyTab *s, const TinyTab *o);

/// frozenset(xs[0..n)) of an iterable: each element added in turn.
ARC_HD av pySetFromSeq(ArcCtx *c, const av *xs, uint32_t n);
/// frozenset(xs[0..n)) of distinct values (asindices, ofcolor, a grid's
/// cells): the same set as pySetFromSeq, built in 4-byte table slots.
ARC_HD av pySetFromDistinct(ArcCtx *c, const av *xs, uint32_t n);
/// asindices of an h x w grid, `frozenset((i, j) for i in range(h) for j in
/// range(w))`: on the host, shapes up to 30x30 are computed once per
/// process (the set depends on the shape only).
ARC_HD av pyIndexSet(ArcCtx *c, int64_t h, int64_t w);
/// frozenset({xs...}) / frozenset(set(xs)): a set built by adds, copied.
ARC_HD av pySetFromSetOf(ArcCtx *c, const av *xs, uint32_t n);
/// frozenset(s) of a set s that is not a frozenset (or set(s)): a new
/// table filled by set_merge.
ARC_HD av pySetCopy(ArcCtx *c, av s);
/// The distinct values of xs[0..n) in the order `set(xs)` (a set built by
/// adding them in turn) iterates, written over xs[0..m); returns m.
ARC_HD uint32_t pySetOrderOf(ArcCtx *c, av *xs, uint32_t n);
/// max(set(xs), key=xs.count) (most) or min(...) of a non-empty list:
/// the first value of the set's iteration order with the extreme count.
ARC_HD av pyCommonest(ArcCtx *c, const av *xs, uint32_t n, bool most);
/// The same for a list of n values given as its distinct values in order of
/// first occurrence (which is all the set's order depends on) and their
/// counts: charged as pyCommonest.
ARC_HD av pyCommonestCounted(ArcCtx *c, const av *keys, const uint32_t *counts,
                             uint32_t distinct, uint64_t n, bool most);
/// `x in s` for a set value s.
ARC_HD bool pySetHas(ArcCtx *c, av s, av x);
/// The operators of two frozensets, as CPython builds their results.
ARC_HD av pySetOr(ArcCtx *c, av a, av b);
ARC_HD av pySetAnd(ArcCtx *c, av a, av b);
ARC_HD av pySetSub(ArcCtx *c, av a, av b);
ARC_HD av pySetXor(ArcCtx *c, av a, av b);

} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_PYSET_H
