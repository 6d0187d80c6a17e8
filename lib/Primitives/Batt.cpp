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
