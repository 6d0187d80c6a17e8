//===- Fn.cpp - function values: closures, calls, higher-order primitives -===//
//
// Where the compiler cannot see which function a program calls (a function
// kept in a container, `rapply` over a set of functions, a closure built
// from a function computed at run time), functions are values: an FN word
// naming a primitive, or one referring to a closure box built here by
// `rbind`, `lbind`, `compose`, `chain`, `fork`, `matcher` or `power`.
// `callFn` interprets them, and the higher-order primitives below take them.
// Everything else (most programs) never gets here: the compiler specializes
// closures it can see into direct code (SpecializeClosures, ArcDslToLLVM),
// with the same semantics.
//
// A closure box (BOX_CLOSURE, w = its ClosureKind) holds n words:
//   [0] serial: creation order in its sample (Python compares functions by
//       identity and the reference orders them by repr, i.e. by address),
//   [1] Python's co_argcount of the closure,
//   [2..] what it closes over (functions and values).
// Host/device neutral, like the rest of the library.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "HofLoops.h"

namespace arcdsl {

namespace {
enum ClosureKind : uint16_t {
  CK_RBIND = 1,
  CK_LBIND,
  CK_COMPOSE,
  CK_CHAIN,
  CK_FORK,
  CK_MATCHER,
  CK_POWER, ///< power(f, n >= 2): f applied n times (a compose in Python)
  CK_SAFE_CALLABLE, ///< a batt's failure value of a Callable-returning call:
                    ///< takes any arguments and returns ()
};
constexpr uint32_t kHead = 2;
/// Flag in a closure box's kind field: built by tokpidjin's rbind/lbind,
/// whose closures are a nested `def f` (their repr's name differs).
constexpr uint32_t kDefF = 1u << 8;
} // namespace

//===----------------------------------------------------------------------===//
// Primitives as values
//===----------------------------------------------------------------------===//

ARC_HD const char *primName(uint32_t id) {
  if (id >= kTokBase)
    return arcdsl_tok_name(id - kTokBase);
  switch (id) {
#define ARCDSL_PRIM(Id, name, Arity, Kind)                                     \
  case PRIM_ID_##name:                                                         \
    return #name;
#include "ArcDsl/Primitives/Primitives.def"
  default:
    return nullptr;
  }
}

/// Python's co_argcount of a primitive (tokpidjin: _original_argcount).
static ARC_HD uint32_t primArity(uint32_t id) {
  if (id >= kTokBase)
    return arcdsl_tok_argcount(id - kTokBase);
  switch (id) {
#define ARCDSL_PRIM(Id, name, Arity, Kind)                                     \
  case PRIM_ID_##name:                                                         \
    return Arity;
#include "ArcDsl/Primitives/Primitives.def"
  default:
    return 0;
  }
}

#define ARCDSL_ARGS_1 a[0]
#define ARCDSL_ARGS_2 a[0], a[1]
#define ARCDSL_ARGS_3 a[0], a[1], a[2]
#define ARCDSL_ARGS_4 a[0], a[1], a[2], a[3]

/// Call primitive `id` with n arguments (TypeError for another count).
static ARC_HD av callPrimitive(ArcCtx *c, uint32_t id, uint32_t n,
                               const av *a) {
  if (id >= kTokBase) // a tokpidjin function: its safe wrapper
    return arcdsl_rt_tok_call(c, id - kTokBase, n, a);
  switch (id) {
#define ARCDSL_PRIM(Id, name, Arity, Kind)                                     \
  case PRIM_ID_##name:                                                         \
    return n == Arity ? arcdsl_prim_##name(c, ARCDSL_ARGS_##Arity)             \
                      : fail(c, ERR_TYPE);
#include "ArcDsl/Primitives/Primitives.def"
  default:
    return fail(c, ERR_TYPE);
  }
}

//===----------------------------------------------------------------------===//
// Closures
//===----------------------------------------------------------------------===//

static ARC_HD Box *closureBox(ArcCtx *c, av f) { return box(c, f); }

ARC_HD uint32_t fnArgCount(ArcCtx *c, av f) {
  if (tagOf(f) != TAG_FN)
    return 0;
  if (!isFnClosure(f))
    return primArity((uint32_t)f);
  return (uint32_t)numOf(elems(closureBox(c, f))[1]);
}

static ARC_HD av newClosure(ArcCtx *c, uint16_t kind, uint32_t argc,
                            const av *parts, uint32_t n) {
  if (c->err)
    return kErr;
  if (!charge(c, 1))
    return kErr;
  Box *b = newSeq(c, BOX_CLOSURE, kHead + n);
  if (!b)
    return fail(c, ERR_CAPACITY);
  b->w = kind | ((kind == CK_RBIND || kind == CK_LBIND) && isTok(c) ? kDefF : 0);
  elems(b)[0] = mkInt(c, (int64_t)c->work); // unique: work grows per closure
  elems(b)[1] = mkInt(c, argc);
  for (uint32_t k = 0; k < n; ++k)
    elems(b)[kHead + k] = parts[k];
  return mkClosureRaw(boxOff(boxRef(c, b)));
}

/// rbind/lbind: the lambda's arity follows the bound function's
/// co_argcount (2 -> 1, 3 -> 2, otherwise 3); a non-function has no
/// __code__ (AttributeError).
static ARC_HD av bind(ArcCtx *c, uint16_t kind, av f, av fixed) {
  ARC_PRIM_ENTER(c);
  if (tagOf(f) != TAG_FN)
    return fail(c, ERR_TYPE);
  uint32_t n = fnArgCount(c, f);
  uint32_t argc = n == 2 ? 1 : n == 3 ? 2 : 3;
  av parts[2] = {f, fixed};
  return newClosure(c, kind, argc, parts, 2);
}

static ARC_HD av callClosure(ArcCtx *c, av f, uint32_t n, const av *a) {
  Box *b = closureBox(c, f);
  if ((b->w & ~kDefF) == CK_SAFE_CALLABLE) // def safe_callable(*args, **kw)
    return makeTuple(c, a, 0);
  if (n != (uint32_t)numOf(elems(b)[1]))
    return fail(c, ERR_TYPE);
  const av *p = elems(b) + kHead;
  av buf[4];
  switch (b->w & ~kDefF) {
  case CK_RBIND:
    for (uint32_t k = 0; k < n; ++k)
      buf[k] = a[k];
    buf[n] = p[1];
    return callFn(c, p[0], n + 1, buf);
  case CK_LBIND:
    buf[0] = p[1];
    for (uint32_t k = 0; k < n; ++k)
      buf[k + 1] = a[k];
    return callFn(c, p[0], n + 1, buf);
  case CK_COMPOSE: {
    av x = callFn(c, p[1], 1, a);
    return callFn(c, p[0], 1, &x);
  }
  case CK_CHAIN: {
    av x = callFn(c, p[2], 1, a);
    x = callFn(c, p[1], 1, &x);
    return callFn(c, p[0], 1, &x);
  }
  case CK_FORK:
    buf[0] = callFn(c, p[1], 1, a);
    buf[1] = callFn(c, p[2], 1, a);
    return callFn(c, p[0], 2, buf);
  case CK_MATCHER: {
    av x = callFn(c, p[0], 1, a);
    if (c->err)
      return kErr;
    return mkBool(equalValues(c, x, p[1]));
  }
  case CK_POWER: {
    // Python's composition is n lambdas nested in each other: f runs first
    // n - 1 frames deeper than the call, then one frame higher each time
    // (pyFrames models them; the loop enters one level per call).
    int64_t n = numOf(p[1]);
    if (pyDepth(c) + (uint64_t)n > kPyMaxFrames)
      return fail(c, ERR_RECURSION);
    uint16_t frames = c->pyFrames;
    av x = a[0];
    for (int64_t k = n; k > 0 && !c->err; --k) {
      c->pyFrames = (uint16_t)(frames + (k - 1));
      uint64_t mark = arcdsl_rt_mark(c);
      x = arcdsl_rt_keep(c, mark, callFn(c, p[0], 1, &x));
    }
    c->pyFrames = frames;
    return c->err ? kErr : x;
  }
  default:
    return fail(c, ERR_TYPE);
  }
}

ARC_HD av callFn(ArcCtx *c, av f, uint32_t n, const av *args) {
  if (c->err)
    return kErr;
  if (tagOf(f) != TAG_FN) // e.g. 'int' object is not callable
    return fail(c, ERR_TYPE);
  CostScope call(c, kCallCost, "call");
  // Each call is a Python frame at least (a lambda, a primitive's def):
  // RecursionError past Python's limit (Value.h: enterNesting).
  if (!enterNesting(c))
    return kErr;
  av r = isFnClosure(f) ? callClosure(c, f, n, args)
                        : callPrimitive(c, (uint32_t)f, n, args);
  leaveNesting(c);
  return c->err ? kErr : r;
}

//===----------------------------------------------------------------------===//
// Identity and order
//===----------------------------------------------------------------------===//

static ARC_HD const char *builderName(uint16_t kind) {
  switch (kind) {
  case CK_RBIND:
    return "rbind";
  case CK_LBIND:
    return "lbind";
  case CK_COMPOSE:
  case CK_POWER:
    return "compose";
  case CK_CHAIN:
    return "chain";
  case CK_FORK:
    return "fork";
  case CK_SAFE_CALLABLE:
    return "_get_safe_default";
  default:
    return "matcher";
  }
}

ARC_HD const char *fnQualTail(ArcCtx *c, av f) {
  if (!isFnClosure(f))
    return "";
  uint32_t kind = closureBox(c, f)->w;
  if (kind == CK_SAFE_CALLABLE)
    return ".<locals>.safe_callable";
  if (kind & kDefF) // tokpidjin's rbind/lbind: a nested `def f`
    return ".<locals>.f";
  return ".<locals>.<lambda>";
}

ARC_HD av makeSafeCallable(ArcCtx *c) {
  return newClosure(c, CK_SAFE_CALLABLE, 0, nullptr, 0);
}

/// Character k of a function's repr between `<function ` and ` at 0x`:
/// `NAME at` for a primitive, `BUILDER.<locals>.<lambda> at` for a closure
/// (0 past the end).
ARC_HD const char *fnName(ArcCtx *c, av f) {
  const char *name = isFnClosure(f) ? builderName(closureBox(c, f)->w & ~kDefF)
                                    : primName((uint32_t)f);
  return name ? name : "";
}

static ARC_HD char reprChar(ArcCtx *c, av f, uint32_t k) {
  const char *parts[3] = {fnName(c, f), fnQualTail(c, f), " at"};
  for (const char *part : parts)
    for (; *part; ++part, --k)
      if (k == 0)
        return *part;
  return 0;
}

ARC_HD bool sameFn(ArcCtx *c, av a, av b) {
  if (isFnClosure(a) != isFnClosure(b))
    return false;
  if (!isFnClosure(a))
    return a == b;
  return elems(closureBox(c, a))[0] == elems(closureBox(c, b))[0];
}

ARC_HD int compareFns(ArcCtx *c, av a, av b) {
  if (sameFn(c, a, b))
    return 0;
  for (uint32_t k = 0;; ++k) {
    char x = reprChar(c, a, k), y = reprChar(c, b, k);
    if (x != y)
      return (unsigned char)x < (unsigned char)y ? -1 : 1;
    if (!x)
      break;
  }
  // Two closures of one builder: creation order.
  int64_t sa = numOf(elems(closureBox(c, a))[0]);
  int64_t sb = numOf(elems(closureBox(c, b))[0]);
  return sa < sb ? -1 : sa > sb;
}

} // namespace arcdsl

using namespace arcdsl;

//===----------------------------------------------------------------------===//
// Closure builders
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_prim_rbind(ArcCtx *c, av f, av fixed) {
  return bind(c, CK_RBIND, f, fixed);
}

ARCDSL_EXPORT av arcdsl_prim_lbind(ArcCtx *c, av f, av fixed) {
  return bind(c, CK_LBIND, f, fixed);
}

ARCDSL_EXPORT av arcdsl_prim_compose(ArcCtx *c, av outer, av inner) {
  ARC_PRIM_ENTER(c);
  av parts[2] = {outer, inner};
  return newClosure(c, CK_COMPOSE, 1, parts, 2);
}

ARCDSL_EXPORT av arcdsl_prim_chain(ArcCtx *c, av h, av g, av f) {
  ARC_PRIM_ENTER(c);
  av parts[3] = {h, g, f};
  return newClosure(c, CK_CHAIN, 1, parts, 3);
}

ARCDSL_EXPORT av arcdsl_prim_fork(ArcCtx *c, av outer, av a, av b) {
  ARC_PRIM_ENTER(c);
  av parts[3] = {outer, a, b};
  return newClosure(c, CK_FORK, 1, parts, 3);
}

ARCDSL_EXPORT av arcdsl_prim_matcher(ArcCtx *c, av f, av target) {
  ARC_PRIM_ENTER(c);
  av parts[2] = {f, target};
  return newClosure(c, CK_MATCHER, 1, parts, 2);
}

/// power(f, 1) is f itself; power(f, n) a composition of n copies; n < 1
/// recurses without end in Python (RecursionError), a non-number fails in
/// `n - 1`.
ARCDSL_EXPORT av arcdsl_prim_power(ArcCtx *c, av f, av n) {
  ARC_PRIM_ENTER(c);
  if (!isNum(n))
    return fail(c, ERR_TYPE);
  int64_t k = numOf(n);
  if (k == 1)
    return f;
  // Python builds it by recursion, a frame a level: n < 1 never ends, and
  // n frames past the recursion limit raise before anything is built.
  if (k < 1 || k > (int64_t)kPyMaxFrames)
    return fail(c, ERR_RECURSION);
  if (!charge(c, (uint64_t)k))
    return kErr;
  av parts[2] = {f, n};
  return newClosure(c, CK_POWER, 1, parts, 2);
}

//===----------------------------------------------------------------------===//
// Higher-order primitives over function values
//===----------------------------------------------------------------------===//

namespace {
/// A function value called with `arity` arguments: the callee of the
/// loops of HofLoops.h when the function is known only at run time.
struct FnValue {
  ArcCtx *c;
  av f;
  uint32_t arity;
  ARC_HD av operator()(const av *args) const {
    return callFn(c, f, arity, args);
  }
  ARC_HD FnValue on(ArcCtx *to) const { return {to, f, arity}; }
};

/// rapply's callee: element i of its loop is function fs[i], called on x.
struct CallOn {
  ArcCtx *c;
  av x;
  ARC_HD av operator()(const av *f) const { return callFn(c, *f, 1, &x); }
  ARC_HD CallOn on(ArcCtx *to) const { return {to, x}; }
};
} // namespace

ARCDSL_EXPORT av arcdsl_prim_apply(ArcCtx *c, av f, av xs) {
  ARC_PRIM_ENTER(c);
  return hof::apply(c, xs, FnValue{c, f, 1});
}

ARCDSL_EXPORT av arcdsl_prim_mapply(ArcCtx *c, av f, av xs) {
  ARC_PRIM_ENTER(c);
  return arcdsl_prim_merge(c, hof::apply(c, xs, FnValue{c, f, 1}));
}

/// `type(fs)(f(x) for f in fs)`
ARCDSL_EXPORT av arcdsl_prim_rapply(ArcCtx *c, av fs, av x) {
  ARC_PRIM_ENTER(c);
  return hof::apply(c, fs, CallOn{c, x});
}

ARCDSL_EXPORT av arcdsl_prim_papply(ArcCtx *c, av f, av a, av b) {
  ARC_PRIM_ENTER(c);
  return hof::papply(c, a, b, FnValue{c, f, 2});
}

ARCDSL_EXPORT av arcdsl_prim_mpapply(ArcCtx *c, av f, av a, av b) {
  ARC_PRIM_ENTER(c);
  return arcdsl_prim_merge(c, hof::papply(c, a, b, FnValue{c, f, 2}));
}

ARCDSL_EXPORT av arcdsl_prim_prapply(ArcCtx *c, av f, av a, av b) {
  ARC_PRIM_ENTER(c);
  return hof::prapply(c, a, b, FnValue{c, f, 2});
}

ARCDSL_EXPORT av arcdsl_prim_sfilter(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  return hof::sfilter(c, xs, FnValue{c, f, 1});
}

ARCDSL_EXPORT av arcdsl_prim_mfilter(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  return arcdsl_prim_merge(c, hof::sfilter(c, xs, FnValue{c, f, 1}));
}

ARCDSL_EXPORT av arcdsl_prim_extract(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  return hof::extract(c, xs, FnValue{c, f, 1});
}

/// A loop's sort key of e: f(e), or e itself for `key=None` (Python's
/// default).
struct KeyOrSelf {
  FnValue call;
  template <class C>
  ARC_HD hof::KeepLoop<FnValue, C> loop(av xs, C consume) {
    return hof::keepLoop(xs, call, consume, false, tagOf(call.f) == TAG_NONE);
  }
};

ARCDSL_EXPORT av arcdsl_prim_argmax(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  return hof::argBest(c, xs, KeyOrSelf{{c, f, 1}}, true);
}
ARCDSL_EXPORT av arcdsl_prim_argmin(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  return hof::argBest(c, xs, KeyOrSelf{{c, f, 1}}, false);
}
ARCDSL_EXPORT av arcdsl_prim_valmax(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  FnValue call{c, f, 1};
  return hof::valBest(c, xs, KeyOrSelf{call}, call, true);
}
ARCDSL_EXPORT av arcdsl_prim_valmin(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  FnValue call{c, f, 1};
  return hof::valBest(c, xs, KeyOrSelf{call}, call, false);
}

/// `tuple(sorted(xs, key=f))`
ARCDSL_EXPORT av arcdsl_prim_order(ArcCtx *c, av xs, av f) {
  ARC_PRIM_ENTER(c);
  return hof::order(c, xs, KeyOrSelf{{c, f, 1}});
}

/// The interpreter's entry for compiled code: `f(args...)`.
ARCDSL_EXPORT av arcdsl_rt_call1(ArcCtx *c, av f, av a) {
  return callFn(c, f, 1, &a);
}
ARCDSL_EXPORT av arcdsl_rt_call2(ArcCtx *c, av f, av a, av b) {
  av xs[2] = {a, b};
  return callFn(c, f, 2, xs);
}
ARCDSL_EXPORT av arcdsl_rt_call3(ArcCtx *c, av f, av a, av b, av d) {
  av xs[3] = {a, b, d};
  return callFn(c, f, 3, xs);
}
ARCDSL_EXPORT av arcdsl_rt_call4(ArcCtx *c, av f, av a, av b, av d, av e) {
  av xs[4] = {a, b, d, e};
  return callFn(c, f, 4, xs);
}
