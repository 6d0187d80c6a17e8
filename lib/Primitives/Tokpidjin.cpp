//===- Tokpidjin.cpp - tokpidjin's table, safe calls, own functions -------===//
//
// pierreb4/tokpidjin extends Hodel's DSL (TokpidjinPrimitives.td lists its
// public functions). Two things differ from the Hodel primitives:
//
//  * Every function is "safe": its wrapper catches any exception (a wrong
//    argument count included) and returns the function's default, the
//    value its annotations give (Tokpidjin.def). Calls between DSL
//    functions go through the wrapped globals, so every inner call below
//    that tokpidjin's code makes through a DSL name is a catch point too
//    (`tok(...)`). Capacity and work-bound errors are arcdsl's own: never
//    caught.
//  * Some functions are new (rank selectors, o_g, mir_rot, c_iz...), and
//    some return a value where Hodel's raise (`first` of an empty container
//    is None, `uppermost` of an empty patch nan...): the OnEmpty column of
//    the table where the difference is just that, an entry here otherwise.
//
// Everything else runs the Hodel primitive's code under the tokpidjin
// dialect (cells are (i, j, c) TRIPLEs: see PrimUtil.h's cell helpers).
// Host/device neutral, like the rest of the library.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "TokUtil.h"

using namespace arcdsl;

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

namespace {
enum OnEmpty : uint8_t {
  OE_KEEP,
  OE_NONE,
  OE_FROZENSET,
  OE_NAN,
  OE_NEG_INF,
  OE_TRUE
};

struct TokInfo {
  const char *name;
  uint8_t arity, minArity, onEmpty;
  SafeDefault dflt;
};

ARC_HD TokInfo tokInfo(uint32_t k) {
  switch (k) {
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty)             \
  case TOK_ID_##name:                                                          \
    return TokInfo{#name, Arity, MinArity, OE_##OnEmpty, SD_##Default};
#include "ArcDsl/Primitives/Tokpidjin.def"
  default:
    return TokInfo{nullptr, 0, 0, OE_KEEP, SD_TUPLE};
  }
}

#define TOK_ARGS_1 x[0]
#define TOK_ARGS_2 x[0], x[1]
#define TOK_ARGS_3 x[0], x[1], x[2]
#define TOK_ARGS_4 x[0], x[1], x[2], x[3]

ARC_HD av callEntry(ArcCtx *c, uint32_t k, const av *x) {
  switch (k) {
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty)             \
  case TOK_ID_##name:                                                          \
    return arcdsl_##Entry(c, TOK_ARGS_##Arity);
#include "ArcDsl/Primitives/Tokpidjin.def"
  default:
    return fail(c, ERR_TYPE);
  }
}

ARC_HD av onEmptyValue(ArcCtx *c, uint8_t e) {
  switch (e) {
  case OE_NONE:
    return kNone;
  case OE_FROZENSET:
    return makeSet(c, nullptr, 0);
  case OE_NAN:
    return mkFloat(FLOAT_NAN);
  case OE_NEG_INF:
    return mkFloat(FLOAT_NEG_INF);
  default:
    return mkBool(true);
  }
}

} // namespace

ARC_HD const char *arcdsl_tok_name(uint32_t k) { return tokInfo(k).name; }
ARC_HD uint32_t arcdsl_tok_argcount(uint32_t k) { return tokInfo(k).arity; }
ARC_HD av arcdsl_tok_default(ArcCtx *c, uint32_t k) {
  return safeDefaultValue(c, tokInfo(k).dflt);
}

ARCDSL_EXPORT void arcdsl_rt_set_dialect(ArcCtx *c, int64_t dialect) {
  c->dialect = (uint16_t)dialect;
}

ARCDSL_EXPORT av arcdsl_rt_tok_call(ArcCtx *c, uint32_t k, uint32_t n,
                                    const av *a) {
  if (c->err)
    return kErr;
  TokInfo t = tokInfo(k);
  if (!t.name)
    return fail(c, ERR_TYPE);
  if (n < t.minArity || n > t.arity) // the wrapper's TypeError
    return safeDefaultValue(c, t.dflt);
  av x[4];
  for (uint32_t i = 0; i < n; ++i)
    x[i] = a[i];
  for (uint32_t i = n; i < t.arity; ++i) // `key=identity`: the unwrapped one
    x[i] = mkFn(PRIM_ID_identity);
  if (t.onEmpty != OE_KEEP && isEmptyContainer(c, x[0]))
    return onEmptyValue(c, t.onEmpty);
  av r = callEntry(c, k, x);
  if (c->err && c->err < ERR_CAPACITY) { // a Python exception: caught
    c->err = 0;
    return safeDefaultValue(c, t.dflt);
  }
  return c->err ? kErr : r;
}

//===----------------------------------------------------------------------===//
// Helpers that read the demonstrations S
//===----------------------------------------------------------------------===//

namespace {
/// c_iz / c_zo: dedupe(mapply_t(f, inputs)) minus dedupe(mapply_t(f,
/// outputs)) (or the other way round).
ARC_HD av cDiff(ArcCtx *c, av samples, av f, bool inputsFirst) {
  av ins = tok(c, TOK_ID_apply, mkFn(kTokBase + TOK_ID_first), samples);
  av outs = tok(c, TOK_ID_apply, mkFn(kTokBase + TOK_ID_second), samples);
  av x3 = tok(c, TOK_ID_dedupe, tok(c, TOK_ID_mapply_t, f, ins));
  av x4 = tok(c, TOK_ID_dedupe, tok(c, TOK_ID_mapply_t, f, outs));
  return inputsFirst ? tok(c, TOK_ID_difference_tuple, x3, x4)
                     : tok(c, TOK_ID_difference_tuple, x4, x3);
}

} // namespace

TOK_FN2(c_iz, samples, f, cDiff(c, samples, f, true))

TOK_FN2(c_zo, samples, f, cDiff(c, samples, f, false))

ARCDSL_EXPORT av arcdsl_tok_c_iz_n(ArcCtx *c, av samples, av f, av pick) {
  ARC_PRIM_ENTER(c);
  av t = tok(c, TOK_ID_c_iz, samples, f);
  return callFn(c, pick, 1, &t);
}

ARCDSL_EXPORT av arcdsl_tok_c_zo_n(ArcCtx *c, av samples, av f, av pick) {
  ARC_PRIM_ENTER(c);
  av t = tok(c, TOK_ID_c_zo, samples, f);
  return callFn(c, pick, 1, &t);
}

ARCDSL_EXPORT av arcdsl_tok_a_mr(ArcCtx *c, av samples) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *pairs = items(c, samples, &n);
  if (!pairs)
    return kErr;
  for (int64_t a = 0; a < 8; ++a) {
    bool all = true;
    for (int64_t k = 0; k < n && all; ++k) {
      if (seqLen(c, pairs[k]) != 2) // ex_i, ex_o = pair
        return c->err ? kErr : fail(c, ERR_VALUE);
      av in = seqAt(c, pairs[k], 0), out = seqAt(c, pairs[k], 1);
      all = equalValues(c, out, tok(c, TOK_ID_mir_rot_t, in, intW(a)));
      if (c->err)
        return kErr;
    }
    if (all)
      return intW(a);
  }
  return kNone;
}

TOK_FN2(mapply, f, container,
        tok(c, TOK_ID_merge, tok(c, TOK_ID_apply, f, container)))
TOK_FN2(mapply_t, f, container,
        tok(c, TOK_ID_merge_t, tok(c, TOK_ID_apply_t, f, container)))
TOK_FN2(mapply_f, f, container,
        tok(c, TOK_ID_merge_f, tok(c, TOK_ID_apply_f, f, container)))
TOK_FN2(mfilter, container, f,
        tok(c, TOK_ID_merge_f, tok(c, TOK_ID_sfilter, container, f)))
TOK_FN2(mfilter_f, container, f,
        tok(c, TOK_ID_merge_f, tok(c, TOK_ID_sfilter, container, f)))

namespace {
/// tuple(f(e) for e in container) (apply_t), or of f(value) for f in
/// functions (rapply_t).
ARC_HD av applyTuple(ArcCtx *c, av f, av container, bool reverse) {
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n && !c->err; ++q) {
    xs[q] = reverse ? callFn(c, xs[q], 1, &f) : callFn(c, f, 1, &xs[q]);
    inGenerator(c);
  }
  return c->err ? kErr : makeTuple(c, xs, (uint32_t)n);
}

} // namespace

TOK_FN2(apply_t, f, container, applyTuple(c, f, container, false))
TOK_FN2(rapply_t, functions, value, applyTuple(c, value, functions, true))
TOK_FN2(sfilter_t, container, f, keepIf(c, container, false, [&](av e) {
          bool t = truthy(c, callFn(c, f, 1, &e));
          inGenerator(c);
          return t;
        }))
TOK_FN2(remove_t, value, container, keepIf(c, container, false, [&](av e) {
          return !pyEq(c, e, value); // e != value (nan != nan: kept)
        }))

TOK_FN2(sfilter_f, container, f, keepIf(c, container, true, [&](av e) {
          bool t = truthy(c, callFn(c, f, 1, &e));
          inGenerator(c);
          return t;
        }))

/// Deepest power(f, n) that tokpidjin's recursion (two frames a level,
/// the wrapper's and power's) completes under the reference's recursion
/// limit of 10,000 (refbatt.py); measured near 4,990, depending on the
/// depth it starts at: n between 4,900 and that is not modelled exactly.
constexpr int64_t kTokPowerDepth = 4900;

/// power(f, n): f for n == 1, n-fold composition for n >= 2. Any other
/// number (n <= 0, nan, inf, or past kTokPowerDepth) recurses until the
/// recursion limit; the innermost wrapped call falls back to () and each
/// level above composes over it, so calling the result raises TypeError
/// at once (modelled by one compose level over ()). A value that is no
/// number fails at once (`n - 1`).
ARCDSL_EXPORT av arcdsl_tok_power(ArcCtx *c, av f, av n) {
  ARC_PRIM_ENTER(c);
  if (isNum(n) && numOf(n) >= 1 && numOf(n) <= kTokPowerDepth)
    return arcdsl_prim_power(c, f, n);
  if (!isNum(n) && !isFloat(n)) // n - 1 raises in this very call
    return fail(c, ERR_TYPE);
  // The recursion never reaches n == 1: at the recursion limit the
  // innermost call's fallback is (), and every level above composes over
  // it. Calling the chain calls () first: a TypeError before f runs.
  return arcdsl_prim_compose(c, f, emptyTuple(c));
}
