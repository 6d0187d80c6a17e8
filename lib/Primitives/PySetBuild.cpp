//===- PySetBuild.cpp - python-order sets of inline keys, built fast ------===//
//
// The same sets as PySet.cpp's tables (PySet.h), where the keys allow a
// cheaper build: tables of a few keys on the stack (TinyTab), frozensets of
// ints, bools and inline tuples in 4-byte table slots (compactSet), and the
// index set of a whole shape, kept per shape on the host (pyIndexSet).
// Checked against stock CPython 3.11 by test/Runtime/pyset-order.test.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/PySet.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/TeamLoops.h"
#include "PySetRules.h"

namespace arcdsl {

//===----------------------------------------------------------------------===//
// Tiny tables (stack, at most 32 slots)
//===----------------------------------------------------------------------===//

ARC_HD void tinyInit(TinyTab *s) {
  s->t.key = s->key;
  s->t.hash = s->hash;
  s->t.mask = 7;
  s->t.fill = s->t.used = 0;
  s->t.lo = s->t.hi = s->t.base = 0;
  s->t.addrKeys = 0;
  for (int k = 0; k < 8; ++k)
    s->key[k] = kTabEmpty;
}

/// set_table_resize in place: the live entries reinserted in table order.
static ARC_HD bool tinyResize(ArcCtx *c, TinyTab *s, uint64_t minused) {
  uint64_t size = tableSizeFor(minused);
  if (size > 32)
    return fail(c, ERR_CAPACITY), false;
  av k0[32];
  int64_t h0[32];
  uint32_t n = 0;
  for (uint64_t q = 0; q <= s->t.mask; ++q)
    if (tabActive(s->key[q]))
      k0[n] = s->key[q], h0[n++] = s->hash[q];
  for (uint64_t q = 0; q < size; ++q)
    s->key[q] = kTabEmpty;
  s->t.mask = size - 1;
  for (uint32_t q = 0; q < n; ++q)
    insertClean(&s->t, k0[q], h0[q]);
  s->t.fill = s->t.used = n;
  return true;
}

static ARC_HD bool tinyAddHashed(ArcCtx *c, TinyTab *s, av key, int64_t h) {
  PyTab *t = &s->t;
  uint64_t mask = t->mask, perturb = (uint64_t)h, i = (uint64_t)h & mask;
  for (;;) { // no dummies: the walk of tabAdd without them
    uint64_t probes = probeSpan(i, mask);
    for (uint64_t j = 0; j <= probes; ++j) {
      uint64_t q = i + j;
      av k = t->key[q];
      if (k == kTabEmpty) {
        t->key[q] = key;
        t->hash[q] = h;
        t->fill++;
        t->used++;
        return t->fill * 5 < mask * 3 ||
               tinyResize(c, s, growthTarget(t->used));
      }
      if (t->hash[q] == h && sameKey(c, k, key))
        return !c->err;
    }
    nextProbe(i, perturb, mask);
  }
}

ARC_HD bool tinyAdd(ArcCtx *c, TinyTab *s, av key) {
  return tinyAddHashed(c, s, key, wordHash(key));
}

ARC_HD bool tinyMerge(ArcCtx *c, TinyTab *s, const TinyTab *o) {
  PyTab *t = &s->t;
  if (c->err)
    return false;
  if (o->t.used == 0)
    return true;
  if ((t->fill + o->t.used) * 5 >= t->mask * 3 &&
      !tinyResize(c, s, (t->used + o->t.used) * 2))
    return false;
  bool copy = t->fill == 0 && t->mask == o->t.mask, clean = t->fill == 0;
  for (uint64_t q = 0; q <= o->t.mask; ++q) {
    av k = o->key[q];
    if (!tabActive(k))
      continue;
    if (copy) { // an empty table of the same size: the entries keep slots
      t->key[q] = k, t->hash[q] = o->hash[q];
    } else if (clean) {
      insertClean(t, k, o->hash[q]);
    } else if (!tinyAddHashed(c, s, k, o->hash[q])) {
      return false;
    }
  }
  if (clean)
    t->fill = t->used = o->t.used;
  return true;
}

/// Whether every key is an int, a bool or an inline tuple: hashed by value
/// without a call, never by address.
ARC_HD bool allInlineKeys(const av *xs, uint32_t n) {
  for (uint32_t k = 0; k < n; ++k)
    switch (tagOf(xs[k])) {
    case TAG_INT:
    case TAG_BOOL:
    case TAG_PAIR:
    case TAG_CELL:
    case TAG_TRIPLE:
      break;
    default:
      return false;
    }
  return true;
}

/// A table of frozenset(key(0), ..., key(n-1)) built as CPython builds it,
/// adding each key in turn as set_add_entry does (a new table has no
/// dummies, so an add walks the probe sequence to the first empty slot
/// unless it meets an equal key; a resize reinserts in table order), in a
/// table of Slot words alone (`empty` marks a free slot): a slot's hash
/// (`hash(slot)`) is arithmetic on the word, cheaper to recompute than to
/// load. `distinct`: the caller knows no two keys are equal, so none is
/// compared (`same(a, b)`). `seen(x)`, asked once per key in order, may know
/// more: kSeenAgain, an equal key came before (adding it changes nothing:
/// it is skipped unhashed), kSeenFirst, none did (added uncompared), or
/// kSeenUnknown. The table is the arena's last allocation; false on an
/// error.
enum : uint8_t { kSeenUnknown, kSeenFirst, kSeenAgain };
template <typename Slot, typename Key, typename Hash, typename Same,
          typename Seen>
static ARC_HD bool slotTable(ArcCtx *c, uint32_t n, Key key, Hash hash,
                             Same same, Seen seen, bool distinct, Slot empty,
                             Slot *&out, uint64_t &outMask,
                             uint64_t &outUsed) {
  auto emptyTab = [&](uint64_t size) -> Slot * {
    if (size > (1ull << 28)) {
      fail(c, ERR_CAPACITY);
      return nullptr;
    }
    Slot *t = (Slot *)arenaAlloc(c, sizeof(Slot) * size);
    if (t)
      for (uint64_t k = 0; k < size; ++k)
        t[k] = empty;
    return t;
  };
  uint64_t mask = 7, used = 0;
  Slot *tab = emptyTab(8);
  if (!tab)
    return false;
  uint64_t mark = (uint64_t)((uint8_t *)tab - c->base);
  // Hashes of the next keys, whose home slots are prefetched (a large
  // table is this loop's cache misses; prefetching a resize's
  // reinsertions was measured slower: solve_91413438's 3 x 1.4 M-cell
  // shapes, 1.17x).
  constexpr uint32_t kAhead = 16;
  int64_t ring[kAhead];
  uint8_t known[kAhead];
  // Key j's knowledge and (unless it is a repeat) hash, in key order.
  auto stage = [&](uint32_t j) {
    Slot x = key(j);
    uint8_t kn = known[j % kAhead] = seen(x);
    if (kn != kSeenAgain)
      ring[j % kAhead] = hash(x);
    return kn;
  };
  for (uint32_t k = 0; k < n && k < kAhead; ++k)
    stage(k);
  for (uint32_t k = 0; k < n; ++k) {
    Slot x = key(k);
    int64_t h = ring[k % kAhead];
    uint8_t kn = known[k % kAhead];
    if (k + kAhead < n && stage(k + kAhead) != kSeenAgain)
      ARC_PREFETCH(&tab[(uint64_t)ring[k % kAhead] & mask]);
    if (kn == kSeenAgain)
      continue;
    bool compare = !distinct && kn != kSeenFirst;
    uint64_t perturb = (uint64_t)h, i = (uint64_t)h & mask, slot = ~0ull;
    bool dup = false;
    while (slot == ~0ull && !dup) {
      uint64_t probes = probeSpan(i, mask);
      for (uint64_t j = 0; j <= probes; ++j) {
        Slot e = tab[i + j];
        if (e == empty) {
          slot = i + j;
          break;
        }
        if (compare && same(e, x)) {
          dup = true;
          break;
        }
      }
      nextProbe(i, perturb, mask);
    }
    if (dup)
      continue;
    tab[slot] = x;
    if (++used * 5 < mask * 3)
      continue;
    uint64_t size = tableSizeFor(growthTarget(used));
    Slot *grown = emptyTab(size);
    if (!grown)
      return false;
    for (uint64_t s = 0; s <= mask; ++s) { // set_insert_clean of each
      if (tab[s] == empty)
        continue;
      uint64_t p = (uint64_t)hash(tab[s]), at = p & (size - 1);
      for (bool placed = false; !placed; nextProbe(at, p, size - 1))
        for (uint64_t j = 0, span = probeSpan(at, size - 1); j <= span; ++j)
          if (grown[at + j] == empty) {
            grown[at + j] = tab[s];
            placed = true;
            break;
          }
    }
    // The old table, just below, is given back: the new one moves down
    // over it (a table of millions of keys holds no garbage twice).
    tab = (Slot *)(c->base + mark);
    for (uint64_t s = 0; s < size; ++s)
      tab[s] = grown[s];
    c->top = mark + sizeof(Slot) * size;
    mask = size - 1;
  }
  out = tab, outMask = mask, outUsed = used;
  return true;
}

/// Which pairs (i, j) and cells (colour, (i, j)) of an ARC grid's range
/// (colours 0-9, coordinates 0-31) a set build has met: one bit each. Two
/// inline keys are equal only as the same word (inlineEq: ints and bools
/// aside), so a key of the range whose bit is clear is met for the first
/// time; other keys are kSeenUnknown.
struct GridKeysSeen {
  static constexpr uint32_t kWords = 11 * 1024 / 64; // pairs, 10 colours
  uint64_t *bits;
  ARC_INLINE uint8_t operator()(av v) const {
    uint64_t at;
    if (tagOf(v) == TAG_PAIR) {
      uint64_t i = (uint64_t)pairI(v), j = (uint64_t)pairJ(v);
      if (i >= 32 || j >= 32)
        return kSeenUnknown;
      at = i * 32 + j;
    } else if (tagOf(v) == TAG_CELL) {
      uint64_t col = (uint64_t)cellC(v), i = (uint64_t)cellI(v),
               j = (uint64_t)cellJ(v);
      if (col >= 10 || i >= 32 || j >= 32)
        return kSeenUnknown;
      at = 1024 + col * 1024 + i * 32 + j;
    } else {
      return kSeenUnknown;
    }
    uint64_t bit = 1ull << (at % 64), &word = bits[at / 64];
    if (word & bit)
      return kSeenAgain;
    word |= bit;
    return kSeenFirst;
  }
};

/// Keys this many or more are worth GridKeysSeen's bits (a merge of many
/// shifted patches repeats most of its cells).
constexpr uint32_t kSeenMinKeys = 256;

/// slotTable of inline keys (ints, bools, pairs, cells, triples) as words.
template <typename Key, typename Seen>
static ARC_HD bool compactTable(ArcCtx *c, uint32_t n, Key key, Seen seen,
                                bool distinct, KeyTable &out) {
  return slotTable<av>(
      c, n, key, [](av v) { return wordHash(v); },
      [](av a, av b) { return inlineEq(a, b); }, seen, distinct, kTabEmpty,
      out.key, out.mask, out.used);
}

/// The set box of a finished table, moved down over it and over what was
/// allocated for the build from arena offset `from` (0: the table's start).
static ARC_HD av freezeKeyTable(ArcCtx *c, const KeyTable &t,
                                uint64_t from = 0) {
  uint64_t mark = from ? from : (uint64_t)((uint8_t *)t.key - c->base);
  Box *b = newSeq(c, BOX_SET, (uint32_t)t.used);
  if (!b || !arenaAlloc(c, 4ull * t.used) || !arenaAlloc(c, 8))
    return kErr;
  // Inline keys: none hashed by address (the memo addressHashed reads).
  b->w = tableLog2(t.mask + 1) | kSetAddrKnown;
  *setHashCache(b) = -1;
  readSlots(t.key, t.mask + 1, t.used, elems(b), setSlots(b));
  return settleBox(c, b, mark);
}

ARC_HD av compactSet(ArcCtx *c, const av *xs, uint32_t n, bool distinct) {
  KeyTable t;
  auto key = [xs](uint32_t k) { return xs[k]; };
  if (distinct || n < kSeenMinKeys) {
    if (!compactTable(c, n, key, [](av) { return kSeenUnknown; }, distinct,
                      t))
      return kErr;
    return freezeKeyTable(c, t);
  }
  uint64_t from = (c->top + 7) & ~7ull;
  GridKeysSeen seen{(uint64_t *)arenaAlloc(c, 8 * GridKeysSeen::kWords)};
  if (!seen.bits)
    return kErr;
  team::forEach(c, GridKeysSeen::kWords, [&](int64_t k) { seen.bits[k] = 0; });
  if (!compactTable(c, n, key, seen, distinct, t))
    return kErr;
  return freezeKeyTable(c, t, from);
}

/// The hash of key (i, j) for row-major cell index k of a w-wide shape.
static ARC_INLINE int64_t cellKeyHash(uint32_t k, uint32_t w) {
  int64_t ij[2] = {(int64_t)(k / w), (int64_t)(k % w)};
  return intsTupleHash(ij, 2);
}

/// The table of asindices of an h x w shape: slotTable of the distinct
/// keys (i, j) added row by row, each as its cell index in 4 bytes: half
/// the memory of 8-byte keys, which is what the build waits on for a shape
/// of millions of cells (its probes are cache misses).
static ARC_HD bool indexCells(ArcCtx *c, int64_t h, int64_t w, CellTable &out) {
  if ((uint64_t)(h * w) >= kFreeCell)
    return fail(c, ERR_CAPACITY), false;
  uint32_t wide = (uint32_t)w;
  return slotTable<uint32_t>(
      c, (uint32_t)(h * w), [](uint32_t k) { return k; },
      [wide](uint32_t k) { return cellKeyHash(k, wide); },
      [](uint32_t a, uint32_t b) { return a == b; },
      [](uint32_t) { return kSeenUnknown; }, true, kFreeCell,
      out.cell, out.mask, out.used);
}

/// The set box of a finished cell table, moved down over it.
static ARC_HD av freezeCellTable(ArcCtx *c, const CellTable &t, int64_t w) {
  uint64_t mark = (uint64_t)((uint8_t *)t.cell - c->base);
  Box *b = newSeq(c, BOX_SET, (uint32_t)t.used);
  if (!b || !arenaAlloc(c, 4ull * t.used) || !arenaAlloc(c, 8))
    return kErr;
  b->w = tableLog2(t.mask + 1) | kSetAddrKnown;
  *setHashCache(b) = -1;
  av *e = elems(b);
  uint32_t *sl = setSlots(b);
  for (uint64_t s = 0, m = 0; m < t.used; ++s)
    if (t.cell[s] != kFreeCell) {
      e[m] = mkPairRaw(t.cell[s] / w, t.cell[s] % w);
      sl[m++] = (uint32_t)s;
    }
  return settleBox(c, b, mark);
}

ARC_HD av pySetFromDistinct(ArcCtx *c, const av *xs, uint32_t n) {
  if (c->err)
    return kErr;
  return allInlineKeys(xs, n) ? compactSet(c, xs, n, true)
                              : pySetFromSeq(c, xs, n);
}

//===----------------------------------------------------------------------===//
// Index sets of whole shapes
//===----------------------------------------------------------------------===//

namespace {
/// The order and slots of asindices of every shape up to 30x30 (an ARC
/// grid's), each computed once (ARC_SHARED_TABLE: per process on the host,
/// per module on the GPU): cell i*w+j and table slot per member in
/// iteration order, and log2 of the table size.
constexpr int kShapeMax = 30;
struct ShapeMember {
  uint16_t cell, slot;
};
ARC_SHARED_TABLE ShapeMember gShapeMembers[465 * 465]; // sum of h*w
// 0 none, 1 busy, 2 ready
ARC_SHARED_TABLE uint8_t gShapeState[kShapeMax + 1][kShapeMax + 1];
ARC_SHARED_TABLE uint8_t gShapeLog2[kShapeMax + 1][kShapeMax + 1];

/// Shapes in row-major order, each taking h*w members.
ARC_INLINE ShapeMember *shapeMembers(int64_t h, int64_t w) {
  return gShapeMembers + 465 * (h - 1) * h / 2 + h * (w - 1) * w / 2;
}
} // namespace

ARC_HD av pyIndexSet(ArcCtx *c, int64_t h, int64_t w) {
  if (c->err)
    return kErr;
  if (h <= 0 || w <= 0)
    return pySetFromSeq(c, nullptr, 0);
  uint64_t n = (uint64_t)(h * w);
  bool cached = h <= kShapeMax && w <= kShapeMax;
  uint8_t *state = cached ? &gShapeState[h][w] : nullptr;
  if (cached && __atomic_load_n(state, __ATOMIC_ACQUIRE) == 2) {
    Box *b = newSeq(c, BOX_SET, (uint32_t)n);
    if (!b || !arenaAlloc(c, 4 * n) || !arenaAlloc(c, 8))
      return kErr;
    b->w = gShapeLog2[h][w] | kSetAddrKnown;
    *setHashCache(b) = -1;
    const ShapeMember *m = shapeMembers(h, w);
    av *e = elems(b);
    uint32_t *sl = setSlots(b);
    team::forEach(c, (int64_t)n, [&](int64_t k) {
      e[k] = mkPairRaw(m[k].cell / w, m[k].cell % w);
      sl[k] = m[k].slot;
    });
    return boxRef(c, b);
  }
  CellTable t;
  if (!indexCells(c, h, w, t))
    return kErr;
  av s = freezeCellTable(c, t, w);
  if (c->err)
    return kErr;
  uint8_t idle = 0;
  if (cached && __atomic_compare_exchange_n(state, &idle, 1, false,
                                            __ATOMIC_ACQ_REL,
                                            __ATOMIC_ACQUIRE)) {
    Box *b = box(c, s);
    ShapeMember *m = shapeMembers(h, w);
    for (uint64_t k = 0; k < n; ++k) {
      m[k].cell = (uint16_t)(pairI(elems(b)[k]) * w + pairJ(elems(b)[k]));
      m[k].slot = (uint16_t)setSlots(b)[k];
    }
    gShapeLog2[h][w] = (uint8_t)(b->w & kSetLog2Mask);
    __atomic_store_n(state, 2, __ATOMIC_RELEASE);
  }
  return s;
}

ARC_HD bool pyIndexWalk(ArcCtx *c, int64_t h, int64_t w, CellWalk &out) {
  if (c->err)
    return false;
  if (h <= 0 || w <= 0) {
    out = {nullptr, 0};
    return true;
  }
  // A shape of the cache: its order, copied out (the cache filled first if
  // it is not yet; the set that fills it is not kept).
  if (h <= kShapeMax && w <= kShapeMax) {
    uint8_t *state = &gShapeState[h][w];
    if (__atomic_load_n(state, __ATOMIC_ACQUIRE) != 2) {
      uint64_t top = c->top;
      if (pyIndexSet(c, h, w) == kErr)
        return false;
      c->top = top;
    }
    if (__atomic_load_n(state, __ATOMIC_ACQUIRE) == 2) {
      uint64_t n = (uint64_t)(h * w);
      uint32_t *cells = (uint32_t *)arenaAlloc(c, 4 * n);
      if (!cells)
        return false;
      const ShapeMember *m = shapeMembers(h, w);
      team::forEach(c, (int64_t)n, [&](int64_t k) { cells[k] = m[k].cell; });
      out = {cells, n};
      return true;
    }
  }
  CellTable t;
  if (!indexCells(c, h, w, t))
    return false;
  out = {t.cell, t.mask + 1};
  return true;
}

} // namespace arcdsl
