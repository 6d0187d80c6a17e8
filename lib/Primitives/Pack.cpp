//===- Pack.cpp - self-contained images of values -------------------------===//
//
// A value's boxes live in its sample's arena and refer to each other by
// arena offset. To move a value between arenas (host -> device input,
// device -> host result) it is deep-copied into a buffer used as a
// mini-arena: the root word first, then the boxes.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"

using namespace arcdsl;

static ARC_HD av copyValue(ArcCtx *from, av v, ArcCtx *to, int depth) {
  if (!isBox(v))
    return v;
  if (depth > 64)
    return fail(to, ERR_CAPACITY);
  Box *b = box(from, v);
  if (b->kind == BOX_GRID) {
    Box *g = newGrid(to, b->n, b->w);
    if (!g)
      return kErr;
    uint64_t n = (uint64_t)b->n * b->w;
    int8_t *s = cells(b), *d = cells(g);
    for (uint64_t i = 0; i < n; ++i)
      d[i] = s[i];
    return boxRef(to, g);
  }
  Box *nb = newSeq(to, b->kind, b->n);
  if (!nb)
    return kErr;
  av result = boxRef(to, nb);
  for (uint32_t k = 0; k < b->n; ++k) {
    av e = copyValue(from, elems(b)[k], to, depth + 1);
    if (to->err)
      return kErr;
    // The arena may not move, so nb stays valid.
    elems(nb)[k] = e;
  }
  return result;
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
  av root = copyValue(c, v, &image, 0);
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
  image.base = (uint8_t *)src;
  image.cap = ~0ull;
  image.top = 0;
  av root = *(const av *)src;
  if (tagOf(root) == TAG_ERR)
    return fail(c, ERR_VALUE);
  return copyValue(&image, root, c, 0);
}
