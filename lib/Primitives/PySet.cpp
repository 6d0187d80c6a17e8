//===- PySet.cpp - CPython 3.11's hashes and set tables -------------------===//
//
// The python order's sets (PySet.h). Written from the description of
// CPython's Objects/setobject.c and tupleobject.c/longobject.c hashes:
// open addressing over a power-of-two table, each probe looking at the
// slot and up to LINEAR_PROBES (9) slots after it, then jumping to
// (i * 5 + 1 + perturb) & mask with perturb >>= 5; a table grows (to the
// smallest power of two above used * 4, used * 2 past 50,000) when fill * 5
// reaches mask * 3; a resize reinserts the live entries in table order.
// Checked against stock CPython 3.11 by test/Runtime/pyset-order.test.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/PySet.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "PySetRules.h"

namespace arcdsl {

//===----------------------------------------------------------------------===//
// Hashes
//===----------------------------------------------------------------------===//

static ARC_HD uint64_t shuffleBits(uint64_t h) {
  return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull;
}

static ARC_HD int64_t hashAt(ArcCtx *c, av v);
ARC_RECURSIVE(hashAt)

/// hash() of an element of a container: a nested box through the
/// recursion (ARC_SELF), a word inline.
static ARC_INLINE int64_t elemHash(ArcCtx *c, av v) {
  return tagOf(v) == TAG_BOX ? ARC_SELF(hashAt)(c, v) : wordHash(v);
}

static ARC_HD int64_t setHash(ArcCtx *c, Box *b) {
  uint64_t h = 0;
  for (uint32_t k = 0; k < b->n; ++k)
    h ^= shuffleBits((uint64_t)elemHash(c, elems(b)[k]));
  h ^= ((uint64_t)b->n + 1) * 1927868237ull;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069ull + 907133923ull;
  return h == ~0ull ? 590923713 : (int64_t)h;
}

/// hash() of a grid box's tuple of row tuples (ints all).
static ARC_HD ARC_OFF_CYCLE int64_t gridHash(Box *b) {
  uint64_t acc = kXxPrime5;
  for (uint32_t i = 0; i < b->n; ++i) {
    uint64_t row = kXxPrime5;
    for (uint32_t j = 0; j < b->w; ++j)
      row = tupleLane(row, (uint64_t)intHash(cells(b)[(uint64_t)i * b->w + j]));
    acc = tupleLane(acc, (uint64_t)tupleEnd(row, b->w));
  }
  return tupleEnd(acc, b->n);
}

static ARC_HD int64_t hashAt(ArcCtx *c, av v) {
  switch (tagOf(v)) {
  case TAG_BOX: {
    // CPython caches a frozenset's hash; here it is recomputed, a level of
    // nesting a level of the value.
    NestingScope g(c);
    if (!g.ok)
      return 0;
    Box *b = box(c, v);
    if (b->kind == BOX_SET && isPyLayout(b)) {
      // Relaxed atomics: the lanes of a split loop (Team.h) may fill the
      // cache of one of the sample's sets at once (with the same hash).
      int64_t *cached = setHashCache(b);
      int64_t h = __atomic_load_n(cached, __ATOMIC_RELAXED);
      if (h != -1)
        return h;
      h = setHash(c, b);
      if (c->err)
        return 0;
      __atomic_store_n(cached, h, __ATOMIC_RELAXED);
      return h;
    }
    if (b->kind == BOX_SET)
      return setHash(c, b);
    if (b->kind == BOX_GRID)
      return gridHash(b);
    uint64_t acc = kXxPrime5;
    for (uint32_t k = 0; k < b->n; ++k)
      acc = tupleLane(acc, (uint64_t)elemHash(c, elems(b)[k]));
    return tupleEnd(acc, b->n);
  }
  default:
    return wordHash(v);
  }
}

/// hash(): boxes through hashAt, other words inline.
static ARC_INLINE int64_t hashOf(ArcCtx *c, av v) {
  return tagOf(v) == TAG_BOX ? hashAt(c, v) : wordHash(v);
}

ARC_HD int64_t pyHash(ArcCtx *c, av v) { return hashOf(c, v); }

/// Whether CPython hashes v (or a value inside it) by address: None, nan,
/// a function.
static ARC_HD bool addressHashed(ArcCtx *c, av v) {
  switch (tagOf(v)) {
  case TAG_NONE:
  case TAG_FN:
    return true;
  case TAG_FLOAT:
    return floatOf(v) == FLOAT_NAN;
  case TAG_BOX: {
    Box *b = box(c, v);
    if (b->kind == BOX_GRID)
      return false;
    // A python-layout set remembers the answer (nested sets: linear time).
    bool memo = b->kind == BOX_SET && isPyLayout(b);
    if (memo && (b->w & kSetAddrKnown))
      return b->w & kSetAddrHashed;
    NestingScope g(c);
    if (!g.ok)
      return false;
    bool r = false;
    for (uint32_t k = 0; k < b->n && !r; ++k)
      r = addressHashed(c, elems(b)[k]);
    if (memo && !c->err)
      b->w |= kSetAddrKnown | (r ? kSetAddrHashed : 0);
    return r;
  }
  default:
    return false;
  }
}

/// A table gets `key`: when either it or the keys already there are hashed
/// by address, the order CPython gives is not reproducible; say so in the
/// context (ORDER_ADDRESS_HASH), for hosts to count.
static ARC_INLINE void noteAddressOrder(ArcCtx *c, PyTab *t, av key) {
  // Ints, bools and the inline tuples (pairs, cells, triples) never are:
  // the keys of nearly every set, answered without a call.
  uint32_t tag = tagOf(key);
  bool addr = tag != TAG_INT && tag != TAG_BOOL && tag != TAG_PAIR &&
              tag != TAG_CELL && tag != TAG_TRIPLE && addressHashed(c, key);
  if (t->used > 0 && (addr || t->addrKeys))
    c->order |= ORDER_ADDRESS_HASH;
  t->addrKeys += addr;
}

} // namespace arcdsl

ARCDSL_EXPORT void arcdsl_rt_set_order(arcdsl::ArcCtx *c, int64_t order) {
  c->order = (uint8_t)((c->order & arcdsl::ORDER_ADDRESS_HASH) |
                       (order & arcdsl::ORDER_PYTHON));
}

namespace arcdsl {

//===----------------------------------------------------------------------===//
// Tables
//===----------------------------------------------------------------------===//

/// Fresh arrays of `size` empty slots for t.
static ARC_HD bool tabArrays(ArcCtx *c, PyTab *t, uint64_t size) {
  if (size > (1ull << 28))
    return fail(c, ERR_CAPACITY), false;
  uint64_t before = c->top;
  void *p = arenaAlloc(c, 16 * size);
  if (!p)
    return false;
  uint64_t lo = (uint64_t)((uint8_t *)p - c->base);
  if (!(t->hi && t->hi == before))
    t->base = lo;
  t->key = (av *)p;
  t->hash = (int64_t *)(t->key + size); // read only where a key is active
  for (uint64_t k = 0; k < size; ++k)
    t->key[k] = kTabEmpty;
  t->mask = size - 1;
  t->lo = lo;
  t->hi = c->top;
  return true;
}

ARC_HD bool tabInit(ArcCtx *c, PyTab *t) {
  t->hi = 0;
  t->fill = t->used = 0;
  t->addrKeys = 0;
  return tabArrays(c, t, 8);
}

ARC_HD bool tabDropDummies(ArcCtx *c, PyTab *t) {
  if (t->fill - t->used <= t->mask / 4)
    return true;
  return tabResize(c, t, growthTarget(t->used));
}

ARC_HD bool tabResize(ArcCtx *c, PyTab *t, uint64_t minused) {
  uint64_t size = tableSizeFor(minused);
  av *oldKey = t->key;
  int64_t *oldHash = t->hash;
  uint64_t oldMask = t->mask;
  if (!tabArrays(c, t, size))
    return false;
  for (uint64_t s = 0; s <= oldMask; ++s)
    if (tabActive(oldKey[s]))
      insertClean(t, oldKey[s], oldHash[s]);
  t->fill = t->used;
  return true;
}

ARC_HD bool tabAdd(ArcCtx *c, PyTab *t, av key, int64_t h) {
  if (c->err)
    return false;
  uint64_t mask = t->mask, perturb = (uint64_t)h, i = (uint64_t)h & mask;
  int64_t freeslot = -1;
  for (;;) {
    uint64_t probes = probeSpan(i, mask);
    for (uint64_t j = 0; j <= probes; ++j) {
      uint64_t s = i + j;
      av k = t->key[s];
      if (k == kTabEmpty) {
        noteAddressOrder(c, t, key);
        if (freeslot >= 0) { // reuse the last dummy met (as 3.11 does)
          t->key[freeslot] = key;
          t->hash[freeslot] = h;
          t->used++;
          return true;
        }
        t->key[s] = key;
        t->hash[s] = h;
        t->fill++;
        t->used++;
        if (t->fill * 5 < mask * 3)
          return true;
        return tabResize(c, t, growthTarget(t->used));
      }
      if (k == kTabDummy) {
        freeslot = (int64_t)s;
      } else if (t->hash[s] == h && sameKey(c, k, key)) {
        return !c->err;
      }
    }
    nextProbe(i, perturb, mask);
  }
}

ARC_HD bool tabAddKey(ArcCtx *c, PyTab *t, av key) {
  int64_t h = hashOf(c, key);
  return !c->err && tabAdd(c, t, key, h);
}

/// A new table with xs[0..n) added in turn (`set(xs)`).
static ARC_HD bool tabOfSeq(ArcCtx *c, PyTab *t, const av *xs, uint32_t n) {
  if (!tabInit(c, t))
    return false;
  for (uint32_t k = 0; k < n; ++k)
    if (!tabAddKey(c, t, xs[k]))
      return false;
  return true;
}

ARC_HD int64_t tabFind(ArcCtx *c, const PyTab *t, av key, int64_t h) {
  uint64_t mask = t->mask, perturb = (uint64_t)h, i = (uint64_t)h & mask;
  for (;;) {
    uint64_t probes = probeSpan(i, mask);
    for (uint64_t j = 0; j <= probes; ++j) {
      uint64_t s = i + j;
      av k = t->key[s];
      if (k == kTabEmpty)
        return -1;
      if (k != kTabDummy && t->hash[s] == h && sameKey(c, k, key))
        return (int64_t)s;
    }
    nextProbe(i, perturb, mask);
  }
}

ARC_HD bool tabDiscard(ArcCtx *c, PyTab *t, av key, int64_t h) {
  int64_t s = tabFind(c, t, key, h);
  if (s < 0)
    return false;
  t->key[s] = kTabDummy;
  t->hash[s] = -1;
  t->used--;
  return true;
}

//===----------------------------------------------------------------------===//
// Sets as sources of entries (a frozenset box or a table)
//===----------------------------------------------------------------------===//

namespace {
/// The entries of a set in table order, with their slots and hashes.
struct Src {
  const av *e;        ///< box: elements in order
  const uint32_t *sl; ///< box: their slots
  const PyTab *t;     ///< or a table
  uint64_t n, mask;
  bool dummies;
};
} // namespace

/// A python-layout view of set value s; a canonical-layout box (a value
/// read from JSON, say) is taken as built by adding its elements in order.
static ARC_HD bool srcOf(ArcCtx *c, av s, Src *o, PyTab *tmp) {
  Box *b = box(c, s);
  o->t = nullptr;
  if (isPyLayout(b)) {
    o->e = elems(b);
    o->sl = setSlots(b);
    o->n = b->n;
    o->mask = setMask(b);
    o->dummies = b->w & kSetDummies;
    return true;
  }
  if (!tabOfSeq(c, tmp, elems(b), b->n))
    return false;
  o->t = tmp;
  o->n = tmp->used;
  o->mask = tmp->mask;
  o->dummies = tmp->fill != tmp->used;
  return true;
}

static ARC_HD Src srcOfTab(const PyTab *t) {
  Src o;
  o.e = nullptr;
  o.sl = nullptr;
  o.t = t;
  o.n = t->used;
  o.mask = t->mask;
  o.dummies = t->fill != t->used;
  return o;
}

/// Calls f(key, hash, slot) for every entry of o in table order; stops
/// (false) when f does or an error is set.
template <typename F>
static ARC_HD bool forEach(ArcCtx *c, const Src &o, F f) {
  if (o.t) {
    for (uint64_t s = 0; s <= o.mask; ++s)
      if (tabActive(o.t->key[s]))
        if (!f(o.t->key[s], o.t->hash[s], s) || c->err)
          return false;
    return !c->err;
  }
  for (uint64_t k = 0; k < o.n; ++k) {
    int64_t h = hashOf(c, o.e[k]);
    if (c->err || !f(o.e[k], h, (uint64_t)o.sl[k]) || c->err)
      return false;
  }
  return true;
}

/// set_merge(t, o).
static ARC_HD bool mergeSrc(ArcCtx *c, PyTab *t, const Src &o) {
  if (c->err)
    return false;
  if (o.n == 0)
    return true;
  if ((t->fill + o.n) * 5 >= t->mask * 3)
    if (!tabResize(c, t, (t->used + o.n) * 2))
      return false;
  if (t->fill == 0 && t->mask == o.mask && !o.dummies) {
    // An empty table of the same size: the entries keep their slots.
    forEach(c, o, [&](av k, int64_t h, uint64_t s) {
      noteAddressOrder(c, t, k);
      t->key[s] = k;
      t->hash[s] = h;
      t->used++;
      return true;
    });
    t->fill = t->used = o.n;
    return !c->err;
  }
  if (t->fill == 0) {
    forEach(c, o, [&](av k, int64_t h, uint64_t) {
      noteAddressOrder(c, t, k);
      insertClean(t, k, h);
      t->used++;
      return true;
    });
    t->fill = t->used = o.n;
    return !c->err;
  }
  return forEach(c, o, [&](av k, int64_t h, uint64_t) {
    return tabAdd(c, t, k, h);
  });
}

ARC_HD bool tabMergeSet(ArcCtx *c, PyTab *t, av s) {
  Src o;
  PyTab tmp;
  return srcOf(c, s, &o, &tmp) && mergeSrc(c, t, o);
}

ARC_HD bool tabMergeTab(ArcCtx *c, PyTab *t, const PyTab *o) {
  return mergeSrc(c, t, srcOfTab(o));
}

// (PySetRules.h)
/// Move box b, the last allocation, down to arena offset `dest` (the
/// aligned start of temporaries it was built from, below it): they are
/// given back, and a set built from data leaves no garbage behind.
ARC_HD av settleBox(ArcCtx *c, Box *b, uint64_t dest) {
  uint64_t bytes = (c->top - boxOff(boxRef(c, b)) + 7) & ~7ull;
  uint64_t *d = (uint64_t *)(c->base + dest);
  const uint64_t *src = (const uint64_t *)b;
  for (uint64_t k = 0; k < bytes / 8; ++k)
    d[k] = src[k];
  c->top = dest + bytes;
  return mkBoxRaw(dest);
}

ARC_HD av tabFreeze(ArcCtx *c, PyTab *t) {
  if (c->err)
    return kErr;
  uint64_t size = t->mask + 1;
  uint64_t start = c->top;
  Box *b = newSeq(c, BOX_SET, (uint32_t)t->used);
  if (!b || !arenaAlloc(c, 4ull * t->used) || !arenaAlloc(c, 8))
    return kErr;
  b->w = tableLog2(size) | (t->fill != t->used ? kSetDummies : 0);
  *setHashCache(b) = -1;
  readSlots(t->key, size, t->used, elems(b), setSlots(b));
  // The table's arrays were the last thing allocated: the box goes over
  // them.
  if (t->hi == start) {
    t->hi = 0;
    return settleBox(c, b, t->base);
  }
  return boxRef(c, b);
}

ARC_HD av tabFreezeCopy(ArcCtx *c, const PyTab *t) {
  PyTab r;
  if (!tabInit(c, &r) || !tabMergeTab(c, &r, t))
    return kErr;
  return tabFreeze(c, &r);
}

//===----------------------------------------------------------------------===//
// Frozensets
//===----------------------------------------------------------------------===//

ARC_HD av pySetFromSeq(ArcCtx *c, const av *xs, uint32_t n) {
  if (c->err)
    return kErr;
  if (allInlineKeys(xs, n))
    return compactSet(c, xs, n, false);
  PyTab t;
  return tabOfSeq(c, &t, xs, n) ? tabFreeze(c, &t) : kErr;
}

ARC_HD av pySetFromSetOf(ArcCtx *c, const av *xs, uint32_t n) {
  PyTab t;
  return tabOfSeq(c, &t, xs, n) ? tabFreezeCopy(c, &t) : kErr;
}

ARC_HD uint32_t pySetOrderOf(ArcCtx *c, av *xs, uint32_t n) {
  uint64_t mark = c->top;
  PyTab t;
  if (!tabOfSeq(c, &t, xs, n))
    return 0;
  uint32_t m = 0;
  for (uint64_t s = 0; s <= t.mask; ++s)
    if (tabActive(t.key[s]))
      xs[m++] = t.key[s];
  c->top = mark; // the table was scratch
  return m;
}

/// The first key of t's order with the extreme count (cnt per slot).
static ARC_HD av extremeBySlot(const PyTab &t, const uint32_t *cnt,
                               bool most) {
  av best = kErr;
  uint32_t bestCount = 0;
  for (uint64_t s = 0; s <= t.mask; ++s)
    if (tabActive(t.key[s]) &&
        (best == kErr || (most ? cnt[s] > bestCount : cnt[s] < bestCount))) {
      best = t.key[s];
      bestCount = cnt[s];
    }
  return best;
}

ARC_HD av pyCommonest(ArcCtx *c, const av *xs, uint32_t n, bool most) {
  PyTab t;
  if (!tabOfSeq(c, &t, xs, n))
    return kErr;
  // The reference's key=values.count scans the n values once per distinct
  // value: charged so (the counting here is one pass).
  if (!charge(c, (uint64_t)n * t.used))
    return kErr;
  uint32_t *cnt = (uint32_t *)arenaAlloc(c, 4 * (t.mask + 1));
  if (!cnt)
    return kErr;
  for (uint64_t s = 0; s <= t.mask; ++s)
    cnt[s] = 0;
  for (uint32_t k = 0; k < n; ++k) {
    int64_t s = tabFind(c, &t, xs[k], hashOf(c, xs[k]));
    if (s >= 0)
      cnt[s]++;
  }
  av best = extremeBySlot(t, cnt, most);
  return c->err ? kErr : best;
}

ARC_HD av pyCommonestCounted(ArcCtx *c, const av *keys, const uint32_t *counts,
                             uint32_t distinct, uint64_t n, bool most) {
  PyTab t;
  if (!tabOfSeq(c, &t, keys, distinct))
    return kErr;
  if (!charge(c, n * t.used)) // as pyCommonest
    return kErr;
  uint32_t *cnt = (uint32_t *)arenaAlloc(c, 4 * (t.mask + 1));
  if (!cnt)
    return kErr;
  for (uint32_t k = 0; k < distinct; ++k) {
    int64_t s = tabFind(c, &t, keys[k], hashOf(c, keys[k]));
    if (s >= 0)
      cnt[s] = counts[k];
  }
  av best = extremeBySlot(t, cnt, most);
  return c->err ? kErr : best;
}

/// Index of `slot` in a box's ascending slots, or -1.
static ARC_HD int64_t slotIndex(const uint32_t *sl, uint32_t n, uint64_t slot) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (sl[mid] < slot)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && sl[lo] == slot ? (int64_t)lo : -1;
}

ARC_HD bool pySetHas(ArcCtx *c, av s, av x) {
  Box *b = box(c, s);
  if (!isPyLayout(b) || (b->w & kSetDummies)) {
    for (uint32_t k = 0; k < b->n && !c->err; ++k)
      if (equalValues(c, elems(b)[k], x))
        return true;
    return false;
  }
  // Probe as CPython does; a slot absent from slots[] is empty. Keys are
  // compared (==) only when their hashes are equal, and an error (a
  // RecursionError deep inside) ends the lookup, as it does in CPython.
  int64_t h = hashOf(c, x);
  const uint32_t *sl = setSlots(b);
  uint64_t mask = setMask(b), perturb = (uint64_t)h, i = (uint64_t)h & mask;
  for (;;) {
    uint64_t probes = probeSpan(i, mask);
    for (uint64_t j = 0; j <= probes; ++j) {
      int64_t k = slotIndex(sl, b->n, i + j);
      if (k < 0 || c->err)
        return false;
      av e = elems(b)[k];
      if (e == x || (hashOf(c, e) == h && !c->err && equalValues(c, e, x)))
        return true;
    }
    nextProbe(i, perturb, mask);
  }
}

/// A fresh table holding a copy of set value s (set_copy).
static ARC_HD bool copyOf(ArcCtx *c, av s, PyTab *t) {
  return tabInit(c, t) && tabMergeSet(c, t, s);
}

ARC_HD av pySetCopy(ArcCtx *c, av s) {
  PyTab t;
  if (c->err || !copyOf(c, s, &t))
    return kErr;
  return tabFreeze(c, &t);
}

ARC_HD av pySetOr(ArcCtx *c, av a, av b) {
  if (c->err) // a or b may be an ERR word, no set box
    return kErr;
  PyTab t;
  if (!copyOf(c, a, &t) || (a != b && !tabMergeSet(c, &t, b)))
    return kErr;
  return tabFreeze(c, &t);
}

ARC_HD av pySetAnd(ArcCtx *c, av a, av b) {
  if (c->err) // a or b may be an ERR word, no set box
    return kErr;
  PyTab t;
  if (a == b) {
    if (!copyOf(c, a, &t))
      return kErr;
    return tabFreeze(c, &t);
  }
  // Iterate the smaller (the right one on a tie), look up in the other.
  av so = a, other = b;
  if (box(c, other)->n > box(c, so)->n) {
    so = b;
    other = a;
  }
  Src o;
  PyTab tmp;
  if (!tabInit(c, &t) || !srcOf(c, other, &o, &tmp))
    return kErr;
  forEach(c, o, [&](av k, int64_t h, uint64_t) {
    return !pySetHas(c, so, k) || tabAdd(c, &t, k, h);
  });
  return tabFreeze(c, &t);
}

ARC_HD av pySetSub(ArcCtx *c, av a, av b) {
  if (c->err) // a or b may be an ERR word, no set box
    return kErr;
  PyTab t;
  uint32_t na = box(c, a)->n, nb = box(c, b)->n;
  if ((na >> 2) > nb) {
    // set_copy_and_difference: copy a, discard b's elements (b is small,
    // so the table keeps its dummies).
    if (!copyOf(c, a, &t))
      return kErr;
    Src o;
    PyTab tmp;
    if (!srcOf(c, b, &o, &tmp))
      return kErr;
    forEach(c, o, [&](av k, int64_t h, uint64_t) {
      tabDiscard(c, &t, k, h);
      return true;
    });
    if (c->err || !tabDropDummies(c, &t))
      return kErr;
    return tabFreeze(c, &t);
  }
  Src o;
  PyTab tmp;
  if (!tabInit(c, &t) || !srcOf(c, a, &o, &tmp))
    return kErr;
  forEach(c, o, [&](av k, int64_t h, uint64_t) {
    return pySetHas(c, b, k) || tabAdd(c, &t, k, h);
  });
  return tabFreeze(c, &t);
}

ARC_HD av pySetXor(ArcCtx *c, av a, av b) {
  if (c->err) // a or b may be an ERR word, no set box
    return kErr;
  // A copy of b, then each element of a discarded or added.
  PyTab t;
  if (a == b) {
    if (!tabInit(c, &t))
      return kErr;
    return tabFreeze(c, &t);
  }
  if (!copyOf(c, b, &t))
    return kErr;
  Src o;
  PyTab tmp;
  if (!srcOf(c, a, &o, &tmp))
    return kErr;
  forEach(c, o, [&](av k, int64_t h, uint64_t) {
    return tabDiscard(c, &t, k, h) || tabAdd(c, &t, k, h);
  });
  return tabFreeze(c, &t);
}

} // namespace arcdsl
