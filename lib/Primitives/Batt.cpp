//===- Batt.cpp - run-time support of batt programs ------------------------===//
//
// A batt (a generated program that folds many solvers and scoring
// programs into one straight-line function) catches errors line by line:
//
//     try:
//         t5 = size(t4)
//     except (TypeError, AttributeError, ValueError, IndexError, KeyError):
//         t5 = _get_safe_default(size)
//
// `arcdsl_rt_recover` is that `except`: when the line raised one of the
// caught exceptions, the sample's error is cleared and the line takes the
// failure value of its callee, chosen by the callee's Python return
// annotation (Primitives.def's ARCDSL_PRIM_SAFE_DEFAULT list). Any other
// error (one not in the tuple, an error that escaped an earlier line, a
// capacity or work-bound error) stays: the batt raised, as in Python.
// Host/device neutral, like the rest of the library.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "PrimUtil.h"

using namespace arcdsl;

namespace {
ARC_HD SafeDefault primSafeDefault(uint32_t id) {
  switch (id) {
#define ARCDSL_PRIM_SAFE_DEFAULT(name, D)                                      \
  case PRIM_ID_##name:                                                         \
    return SD_##D;
#include "ArcDsl/Primitives/Primitives.def"
  default:
    return SD_TUPLE;
  }
}
} // namespace

ARC_HD av arcdsl::safeDefaultValue(ArcCtx *c, SafeDefault d) {
  switch (d) {
  case SD_FROZENSET:
    return makeSet(c, nullptr, 0);
  case SD_ZERO:
    return mkInt(c, 0);
  case SD_FALSE:
    return mkBool(false);
  case SD_CALLABLE:
    return makeSafeCallable(c);
  case SD_TUPLE:
    break;
  }
  return makeTuple(c, nullptr, 0);
}

/// `_get_safe_default(callee)`: a primitive's failure value (a tokpidjin
/// function's from its own table); anything else (a closure, which has no
/// annotations, or a value that is no function) gives ().
ARCDSL_EXPORT av arcdsl_rt_safe_default(ArcCtx *c, av callee) {
  if (tagOf(callee) != TAG_FN || isFnClosure(callee))
    return makeTuple(c, nullptr, 0);
  uint32_t id = (uint32_t)callee;
  if (id >= kTokBase)
    return arcdsl_tok_default(c, id - kTokBase);
  return safeDefaultValue(c, primSafeDefault(id));
}

ARCDSL_EXPORT av arcdsl_rt_recover(ArcCtx *c, av v, av callee, int64_t before,
                                   int64_t mask) {
  uint32_t err = c->err;
  if (!err)
    return v;
  // Failed before this line (an error no earlier line caught), or with an
  // exception this `except` does not name: the batt raised.
  if (before || err >= 32 || !((mask >> err) & 1))
    return kErr;
  c->err = 0;
  return arcdsl_rt_safe_default(c, callee);
}

ARCDSL_EXPORT av arcdsl_rt_item(ArcCtx *c, av v, int64_t k) {
  return seqAt(c, v, k); // IndexError out of range, TypeError for no tuple
}

//===----------------------------------------------------------------------===//
// The memo of a batt's two calls on a sample (--arcdsl-batt-share-modes)
//===----------------------------------------------------------------------===//

namespace {
/// Word k of the memo, a tuple the host made with enough words (the pass
/// numbers them; a memo too short is the host's bug: nothing is written).
ARC_HD av *memoWord(ArcCtx *c, av memo, int64_t k) {
  if (!isBox(memo))
    return nullptr;
  Box *b = box(c, memo);
  return b->kind == BOX_TUPLE && k >= 0 && k < (int64_t)b->n ? elems(b) + k
                                                             : nullptr;
}
} // namespace

ARCDSL_EXPORT av arcdsl_rt_memo_of(ArcCtx *c, av args) {
  if (!isBox(args))
    return kNone;
  Box *b = box(c, args);
  return b->kind == BOX_TUPLE && b->n == 4 ? elems(b)[3] : kNone;
}

// Out of line: each shared line tests it afresh, so the optimizer does not
// thread a batt's hundreds of branches on one condition into two copies of
// the function (compile time tripled when it could).
ARCDSL_EXPORT __attribute__((noinline)) int64_t
arcdsl_rt_memo_replaying(ArcCtx *c, av memo) {
  av *w = memoWord(c, memo, 0);
  return w && *w != abi::encodeInt(0);
}

ARCDSL_EXPORT __attribute__((noinline)) void
arcdsl_rt_memo_mark(ArcCtx *c, av memo, int64_t k) {
  if (av *w = memoWord(c, memo, k))
    *w = abi::encodeInt((int64_t)(c->work < (uint64_t)abi::kIntMax
                                      ? c->work
                                      : (uint64_t)abi::kIntMax));
}

ARCDSL_EXPORT __attribute__((noinline)) void
arcdsl_rt_memo_store(ArcCtx *c, av memo, int64_t k, av v) {
  if (av *w = memoWord(c, memo, k))
    *w = v;
}

ARCDSL_EXPORT __attribute__((noinline)) void
arcdsl_rt_memo_charge(ArcCtx *c, av memo, int64_t k) {
  av *w = memoWord(c, memo, k + 1);
  if (c->err || !w)
    return;
  int64_t cost = numOf(w[0]) - numOf(w[-1]);
  if (cost <= 0)
    return;
  if (__builtin_add_overflow(c->work, (uint64_t)cost, &c->work))
    c->work = ~0ull;
  if (c->work > c->workLimit)
    fail(c, ERR_WORK);
}

ARCDSL_EXPORT __attribute__((noinline)) av
arcdsl_rt_memo_load(ArcCtx *c, av memo, int64_t k) {
  av *w = memoWord(c, memo, k);
  return c->err || !w ? kErr : *w;
}
