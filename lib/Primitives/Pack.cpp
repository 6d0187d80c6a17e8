//===- Pack.cpp - self-contained images of values -------------------------===//
//
// A value's boxes live in its sample's arena and refer to each other by
// arena offset. To move a value between arenas (host -> device input,
// device -> host result) it is deep-copied into a buffer used as a
// mini-arena: the root word first, then the boxes.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/PySet.h"
#include "ArcDsl/Primitives/Team.h"

using namespace arcdsl;

/// Deep-copy the boxes of `v` (in `c`) that lie at or above `mark` into
/// `to`, writing every reference to a copied box as it will read once the
/// copy has moved down by `bias` bytes; boxes below `mark` are shared, not
/// copied. With mark = bias = 0: a plain deep copy into another arena.
/// Nesting a copy follows (natively recursive): a GPU thread's stack is
/// small; on the host, Python's recursion limit (deeper values exist, as
/// in CPython, but cannot be sent: a capacity error, see arcdsl_rt_pack).
#if defined(__CUDA_ARCH__)
constexpr int kMaxCopyDepth = 64;
#else
constexpr int kMaxCopyDepth = (int)kPyRecursionLimit;
#endif

/// The cells of grid box b, copied into a new grid of `to`.
static ARC_HD ARC_OFF_CYCLE Box *copyGrid(Box *b, ArcCtx *to) {
  Box *g = newGrid(to, b->n, b->w);
  if (!g)
    return nullptr;
  uint64_t n = (uint64_t)b->n * b->w;
  GridCell *s = cells(b);
  GridCell *d = cells(g);
  for (uint64_t i = 0; i < n; ++i)
    d[i] = s[i];
  return g;
}

static ARC_HD av copyAbove(ArcCtx *c, av v, ArcCtx *to, uint64_t mark,
                           uint64_t bias, int depth);
ARC_RECURSIVE(copyAbove)

static ARC_HD av copyAbove(ArcCtx *c, av v, ArcCtx *to, uint64_t mark,
                           uint64_t bias, int depth) {
  if (!refsArena(v) || boxOff(v) < mark)
    return v;
  if (depth > kMaxCopyDepth)
    return fail(to, ERR_RECURSION); // too deep, whatever the room
  Box *b = box(c, v);
  if (b->kind == BOX_GRID) {
    Box *g = copyGrid(b, to);
    if (!g)
      return kErr;
    return mkBoxRaw(boxOff(boxRef(to, g)) - bias);
  }
  // Tuples, sets and closures (whose words are their captured values).
  Box *nb = newSeq(to, b->kind, b->n);
  if (!nb)
    return kErr;
  nb->w = b->w;
  if (b->kind == BOX_SET && isPyLayout(b)) {
    // A python-order set: its table slots follow the elements.
    if (!arenaAlloc(to, 4ull * b->n) || !arenaAlloc(to, 8))
      return kErr;
    for (uint32_t k = 0; k < b->n; ++k)
      setSlots(nb)[k] = setSlots(b)[k];
    *setHashCache(nb) = *setHashCache(b);
  }
  for (uint32_t k = 0; k < b->n; ++k) {
    av e = ARC_SELF(copyAbove)(c, elems(b)[k], to, mark, bias, depth + 1);
    if (to->err)
      return kErr;
    elems(nb)[k] = e;
  }
  uint64_t off = boxOff(boxRef(to, nb)) - bias;
  return isFnClosure(v) ? mkClosureRaw(off) : mkBoxRaw(off);
}

ARCDSL_EXPORT uint64_t arcdsl_rt_mark(ArcCtx *c) { return c->top; }

ARCDSL_EXPORT void arcdsl_rt_release(ArcCtx *c, uint64_t mark) {
  if (!c->err && mark <= c->top)
    c->top = mark;
}

ARCDSL_EXPORT av arcdsl_rt_keep(ArcCtx *c, uint64_t mark, av v) {
  if (c->err || mark > c->top)
    return v;
  // Allocations start 8-aligned, so everything made since the mark lies at
  // or above the aligned mark.
  mark = (mark + 7) & ~7ull;
  if (mark > c->top)
    mark = c->top;
  if (!refsArena(v) || boxOff(v) < mark) {
    // Nothing allocated since the mark is reachable from v.
    c->top = mark;
    return v;
  }
  // Copy what v needs past the top, at most as many bytes as would be
  // freed, then slide the copy down onto the mark. The two ranges cannot
  // overlap: the copy is no longer than [mark, top).
  uint64_t start = (c->top + 7) & ~7ull;
  uint64_t freed = start - mark;
  ArcCtx to{};
  to.base = c->base;
  to.top = start;
  to.cap = start + freed < c->cap ? start + freed : c->cap;
  to.workLimit = ~0ull;
  av r = copyAbove(c, v, &to, mark, start - mark, 0);
  if (to.err)
    return v; // no room, or no gain: keep everything as it is
  uint64_t *d = (uint64_t *)(c->base + mark);
  const uint64_t *s = (const uint64_t *)(c->base + start);
  uint64_t words = (to.top - start + 7) / 8;
  for (uint64_t k = 0; k < words; ++k)
    d[k] = s[k];
  c->top = mark + (to.top - start);
  return r;
}

ARC_HD bool team::laneAdopt(ArcCtx *c, const LaneResult &r, av *out) {
  if (!__atomic_load_n(&r.ran, __ATOMIC_ACQUIRE) || c->err)
    return false;
  uint64_t work;
  if (__builtin_add_overflow(c->work, r.work, &work))
    work = ~0ull;
  uint64_t used = r.to - r.from;
  uint64_t top = c->top;
  if (r.err) {
    // Only a Python error or the bound, met from the exact start: an
    // error of the lane's own (its region, a crash, an address order)
    // says nothing of the sequential run.
    if (!r.exact || !laneStops(r.err))
      return false;
    if (used)
      top = ((c->top + 7) & ~7ull) + used;
    c->err = r.err;
    c->work = work;
    c->top = top < c->cap ? top : c->cap;
    *out = kErr;
    return true;
  }
  if (work > c->workLimit)
    return false; // the bound falls inside the element: run it here
  av v = r.value;
  if (used) {
    // What arcdsl_rt_keep(c, c->top, v) does after a call that allocated
    // `used` bytes from the aligned mark on, with the lane's bytes as the
    // call's: nothing kept, a copy slid down onto the mark, or (no room
    // for the copy where the call's bytes were) everything kept as it is,
    // which only running the call here reproduces.
    uint64_t mark = (c->top + 7) & ~7ull;
    if (mark + used > c->cap)
      return false; // the call would have outgrown the arena here
    if (!refsArena(v) || boxOff(v) < r.from) {
      top = mark;
    } else {
      uint64_t freed = (used + 7) & ~7ull;
      uint64_t start = mark + freed;
      ArcCtx to{};
      to.base = c->base;
      to.top = mark;
      to.cap = mark + (start >= c->cap           ? 0
                       : freed < c->cap - start ? freed
                                                : c->cap - start);
      to.workLimit = ~0ull;
      v = copyAbove(c, v, &to, r.from, 0, 0);
      if (to.err)
        return false;
      top = to.top;
    }
  }
  c->work = work;
  c->top = top;
  *out = v;
  return true;
}

ARCDSL_EXPORT uint64_t arcdsl_rt_pack(ArcCtx *c, av v, uint8_t *dst,
                                      uint64_t cap) {
  if (cap < 8)
    return 0;
  if (c->err) {
    *(av *)dst = kErr;
    return 8;
  }
  ArcCtx image{};
  image.base = dst;
  image.cap = cap;
  image.top = 8;
  image.workLimit = ~0ull;
  av root = copyAbove(c, v, &image, 0, 0, 0);
  if (image.err == ERR_RECURSION) {
    // Too deep to send in any image: the sample's capacity error.
    fail(c, ERR_CAPACITY);
    *(av *)dst = kErr;
    return 8;
  }
  if (image.err) {
    fail(c, ERR_RESULT_IMAGE);
    *(av *)dst = kErr;
    return 0;
  }
  *(av *)dst = root;
  return image.top;
}

ARCDSL_EXPORT av arcdsl_rt_unpack(ArcCtx *c, const uint8_t *src) {
  if (c->err)
    return kErr;
  ArcCtx image{};
  image.base = const_cast<uint8_t *>(src); // read only: copied from
  image.cap = ~0ull;
  image.top = 0;
  av root = *(const av *)src;
  if (tagOf(root) == TAG_ERR)
    return fail(c, ERR_VALUE);
  av v = copyAbove(&image, root, c, 0, 0, 0);
  if (c->err == ERR_RECURSION) // an input too deep to receive
    c->err = ERR_CAPACITY;
  return v;
}
