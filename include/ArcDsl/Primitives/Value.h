//===- Value.h - arcdsl run-time value model ---------------------*- C++ -*-===//
//
// The value model shared by the primitive library, the compiled programs and
// the runtime. Host/device neutral: no STL, no exceptions, no heap; compiles
// as plain C++17 for the host and as CUDA device code for NVPTX.
//
// Every DSL value is one 64-bit word (`av`) with a 4-bit tag in the top bits:
//   INT   signed 60-bit integer             BOOL  0 / 1
//   PAIR  (i, j), each signed 28-bit        CELL  (c, (i, j)): c 12-bit, i/j 20-bit
//   BOX   byte offset of a Box in the arena (tuple, frozenset, grid)
//   FN    a function value: a primitive (payload: primitive id) or, with
//         kFnClosureBit, a closure box (payload: arena offset) built by
//         rbind/lbind/compose/chain/fork/matcher/power at run time
//   NONE  Python None (what `index` returns out of bounds)
//   TRIPLE (a, b, c), each signed 20-bit: the tokpidjin DSL's cells (i, j, c)
//   FLOAT one of the special floats tokpidjin returns: -inf, inf, nan
//   ERR   an error happened (the context's `err` says which)
// Representation is canonical, so structural equality is word/box equality:
//   * a 2-tuple of ints is always a PAIR, (int, pair) always a CELL (when the
//     payload fits; otherwise a boxed tuple); in the tokpidjin dialect
//     (ArcCtx::dialect) a 3-tuple of ints is a TRIPLE, and its cells are
//     TRIPLEs (i, j, c),
//   * a tuple of n >= 1 int tuples of one length w whose ints all fit a GridCell (int16) is
//     always a GRID (rows of width 2 are PAIRs when read back),
//   * a frozenset is a SET box of unique elements: sorted ascending in
//     canonical order (ints/bools < tuples < frozensets) under the
//     canonical order; in CPython's table order, with its table layout,
//     under the python order (PySet.h), where set equality is by members.
//
// Failure is per sample: a primitive that would raise in Python, or a value
// that outgrows a capacity, sets `ctx->err` and returns ERR. Once `err` is set
// every primitive returns ERR at once, so later lines are no-ops.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_VALUE_H
#define ARCDSL_PRIMITIVES_VALUE_H

#include "ArcDsl/Primitives/ABI.h"
#include "ArcDsl/Primitives/Cost.h"

#include <stdint.h>

// Under AddressSanitizer (host builds with ARCDSL_SANITIZE), an arena that
// its owner poisoned (fuzz-prims does) becomes addressable as arenaAlloc
// hands it out: reading arena memory that no allocation handed out is an
// ASan report instead of a read of whatever a previous sample left there.
#if !defined(__CUDA_ARCH__) && defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARCDSL_ARENA_ASAN 1
#include <stddef.h>
extern "C" void __asan_unpoison_memory_region(void const volatile *, size_t);
#endif
#endif

#if defined(__CUDA__) && !defined(__host__)
// Compiled with -nocudainc (clang's NVPTX bitcode build): no CUDA headers.
#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __forceinline__ __inline__ __attribute__((always_inline))
#endif
#if defined(__CUDACC__) || defined(__CUDA__)
#define ARC_HD __host__ __device__
#define ARC_INLINE __forceinline__ __host__ __device__
#else
#define ARC_HD
#define ARC_INLINE inline __attribute__((always_inline))
#endif

/// Primitive entry points: extern "C", reachable from compiled programs.
/// On the device they stay out-of-line: each is emitted once in the PTX and
/// called by every kernel (inlining the library into ~400 kernels made the
/// PTX 40 MB and its compile minutes long).
#if defined(__CUDA_ARCH__)
#define ARCDSL_EXPORT extern "C" ARC_HD __attribute__((noinline))
#else
#define ARCDSL_EXPORT extern "C" ARC_HD
#endif

/// A loop taken out of a recursive function. ptxas compiles a function on a
/// cycle of direct calls without reconvergence barriers but may still count
/// its loops in warp-uniform registers, which divergent lanes of the warp
/// (samples at different points of the function) overwrite: a loop over a
/// per-sample length then runs past its end. A helper that is on no cycle
/// gets barriers; it must not be inlined back (docs/gpu.md).
#if defined(__CUDA_ARCH__)
#define ARC_OFF_CYCLE __attribute__((noinline))
#else
#define ARC_OFF_CYCLE
#endif

/// A hint that `p` will be read soon (host only): loops over large tables
/// in hash order prefetch a few elements ahead, so their cache misses
/// overlap instead of each stalling the loop.
#if defined(__CUDA_ARCH__)
#define ARC_PREFETCH(p) ((void)0)
#else
#define ARC_PREFETCH(p) __builtin_prefetch(p)
#endif

/// A table of the library's own that depends on nothing but a shape (an
/// index set's order, a cell's neighbourhood), shared by every sample and
/// filled once, under a compare-and-swap, by the first that needs an
/// entry: in the process on the host, in the module's device memory on the
/// GPU (zero at load: every entry "not filled").
#if defined(__CUDA_ARCH__)
#define ARC_SHARED_TABLE __device__
#else
#define ARC_SHARED_TABLE
#endif

/// A recursive function whose recursive calls ptxas must not see: on the
/// device, ARC_RECURSIVE(fn) (after fn's declaration) stores fn's address
/// in a device variable and ARC_SELF(fn) calls through it, read as
/// volatile. ptxas then compiles fn as any function an indirect call may
/// reach (reconvergence barriers, saved around calls) instead of as a
/// function on a cycle (see ARC_OFF_CYCLE). On the host, a direct call.
#if defined(__CUDA_ARCH__)
#define ARC_RECURSIVE(fn) static __device__ decltype(&fn) fn##Self = fn;
#define ARC_SELF(fn) (*(decltype(&fn) volatile *)&fn##Self)
#else
#define ARC_RECURSIVE(fn)
#define ARC_SELF(fn) fn
#endif

namespace arcdsl {

using abi::kErr;
using abi::kIntMax;
using abi::kNone;
using abi::kPairMax;

/// Default per-sample bound on work (Cost.h: CPython-nanoseconds): a
/// solver run that CPython would not finish within 1 s, with the model's
/// margin.
constexpr uint64_t kDefaultWorkLimit = workLimitFor(kDefaultTimeoutSeconds);

struct ArcCtx;

/// A per-sample profile of a host run, by primitive (lib/Runtime/
/// PrimProfile.h implements it; null in every other run and always on the
/// device). The library calls enter() as a primitive entry or a call of a
/// compiled callee starts, with the entry's name ("call" for a callee), and
/// leave() as it returns; the profile attributes work to the innermost.
struct ArcProfile {
  void (*enter)(ArcProfile *self, ArcCtx *c, const char *what);
  void (*leave)(ArcProfile *self, ArcCtx *c);
};

/// Per-sample execution context. One per (program, input) run (ctxStart).
struct ArcCtx {
  uint8_t *base;      ///< arena start (8-byte aligned)
  uint64_t cap;       ///< arena size in bytes
  uint64_t top;       ///< bump pointer (offset); offset 0 is never a box
  uint32_t err;       ///< ErrCode, sticky
  uint16_t callDepth; ///< levels of nesting entered (enterNesting)
  uint8_t dialect;    ///< Dialect: which DSL's semantics the program has
  uint8_t order;      ///< SetOrder bits: how frozensets iterate
  uint64_t work;      ///< cost so far (Cost.h: CPython-nanoseconds)
  uint64_t workLimit; ///< ERR_WORK beyond this
  ArcProfile *profile; ///< host profiling runs only (null: off)
  uint16_t unitNs;    ///< cost of a unit of work in the innermost entry
  uint16_t pyFrames;  ///< Python frames of enclosing powers (enterNesting)
  uint8_t rawUnits;   ///< 1: count raw units, no call costs (profiling)
  /// The team that runs this sample (TeamLoops.h): this lane's number and
  /// how many lanes run it in lockstep (0 or 1: one, the host's case).
  uint8_t lane, lanes;
  /// A team's lanes may run a long element loop's elements each in a
  /// region of its own (SplitLoop.h, teamSplitRest): the team's lane space
  /// is the 2^laneLog2 bytes past `cap` (0: none).
  uint8_t laneLog2;
};

// The layout is ABI (ABI.h): compiled code reads `err` (StatusOp) and the
// GPU runtime fills arrays of contexts.
static_assert(sizeof(ArcCtx) == abi::kCtxBytes, "ArcCtx layout is ABI");
static_assert(__builtin_offsetof(ArcCtx, err) == abi::kCtxErrOffset,
              "ArcCtx::err offset is ABI");
static_assert(sizeof(ArcCtx::err) * 8 == abi::kCtxErrBits,
              "ArcCtx::err width is ABI");

enum BoxKind : uint16_t {
  BOX_TUPLE = 1,
  BOX_SET = 2,
  BOX_GRID = 3,
  BOX_CLOSURE = 4, ///< only behind an FN word (see Fn.cpp)
};

/// Header of every boxed value; 8 bytes, followed by the payload:
///  TUPLE/SET: av elems[n]          GRID: GridCell cells[n * w] (row-major)
/// A grid box's cell: colours are 0-9 in ARC, but programs compute others
/// (recolor(5 - size(obj), obj) then paint); a colour outside this type is a
/// capacity error.
using GridCell = int16_t;
constexpr int64_t kGridCellMin = -32768, kGridCellMax = 32767;

struct Box {
  uint32_t kind : 8; ///< BoxKind
  uint32_t w : 24;   ///< grid width (GRID only); closure kind (CLOSURE)
  uint32_t n;        ///< tuple/set length, grid height, closure words
};
static_assert(sizeof(Box) == 8, "Box header is 8 bytes");

constexpr int64_t kCellColorMax = (1 << 11) - 1;
constexpr int64_t kCellCoordMax = (1 << 19) - 1;
/// Largest grid height or width (a 24-bit width field). Programs do build
/// wide grids: 91413438's canvas is 3 x (3n^2 - 3) for n background cells.
constexpr uint32_t kGridMaxDim = (1u << 24) - 1;

//===----------------------------------------------------------------------===//
// Tag encoding
//===----------------------------------------------------------------------===//

ARC_INLINE uint32_t tagOf(av v) { return (uint32_t)(v >> 60); }
ARC_INLINE int64_t sext(uint64_t x, int bits) {
  return (int64_t)(x << (64 - bits)) >> (64 - bits);
}
ARC_INLINE bool isNum(av v) { return tagOf(v) <= TAG_BOOL; }
/// Integer value of an INT or BOOL (Python: bool is an int).
ARC_INLINE int64_t numOf(av v) { return sext(v, 60); }
ARC_INLINE av mkBoolRaw(bool b) { return abi::encodeBool(b); }
ARC_INLINE int64_t pairI(av v) { return sext(v >> 28, 28); }
ARC_INLINE int64_t pairJ(av v) { return sext(v, 28); }
ARC_INLINE int64_t cellC(av v) { return sext(v >> 40, 12); }
ARC_INLINE int64_t cellI(av v) { return sext(v >> 20, 20); }
ARC_INLINE int64_t cellJ(av v) { return sext(v, 20); }
ARC_INLINE uint32_t boxOff(av v) { return (uint32_t)v; }
ARC_INLINE bool isBox(av v) { return tagOf(v) == TAG_BOX; }
ARC_INLINE av mkBoxRaw(uint64_t off) { return ((av)TAG_BOX << 60) | off; }
ARC_INLINE av mkFn(uint32_t primId) { return abi::encodeFn(primId); }
/// An FN word that refers to a closure box (arena offset in the low bits).
constexpr av kFnClosureBit = 1ull << 32;
ARC_INLINE bool isFnClosure(av v) {
  return tagOf(v) == TAG_FN && (v & kFnClosureBit);
}
ARC_INLINE av mkClosureRaw(uint64_t off) {
  return ((av)TAG_FN << 60) | kFnClosureBit | off;
}
/// A word that refers to a box of the arena (a container or a closure).
ARC_INLINE bool refsArena(av v) { return isBox(v) || isFnClosure(v); }

//===----------------------------------------------------------------------===//
// Errors and work accounting
//===----------------------------------------------------------------------===//

ARC_INLINE av fail(ArcCtx *c, uint32_t code) {
  if (!c->err)
    c->err = code;
  return kErr;
}
/// The frame of a generator expression in the reference (`type(xs)(f(e)
/// for e in xs)`, `next(e for e in xs if f(e))`...): a StopIteration raised
/// inside it leaves it as RuntimeError (PEP 479, "generator raised
/// StopIteration"). Called after each such call.
ARC_INLINE void inGenerator(ArcCtx *c) {
  if (c->err == ERR_STOP_ITERATION)
    c->err = ERR_RUNTIME;
}

/// Charge `units` of work at the innermost entry's rate (Cost.h); false
/// (and ERR_WORK) once the bound is exceeded.
ARC_INLINE bool charge(ArcCtx *c, uint64_t units) {
  uint64_t ns;
  if (__builtin_mul_overflow(units, (uint64_t)c->unitNs, &ns) ||
      __builtin_add_overflow(c->work, ns, &c->work))
    c->work = ~0ull;
  if (c->work > c->workLimit) {
    fail(c, ERR_WORK);
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Nesting: calls of function values and walks of nested values
//===----------------------------------------------------------------------===//

/// Nesting is counted twice. `callDepth`: the levels the sample's code has
/// really entered (calls of function values, walks into nested values).
/// `pyFrames`: the Python frames that enclosing power() calls add beyond
/// those (Python's composition of n functions runs the first one n - 1
/// frames deeper; the library runs them in a loop, Fn.cpp).
///  - Python's frames, callDepth + pyFrames, are bounded by kPyMaxFrames on
///    every backend: RecursionError, as CPython raises (each level is one
///    frame, a lower bound of what CPython spends).
///  - The levels really entered are bounded by the stack: on the host by
///    its floor (arcdslStackFloor), on a GPU thread by kGpuMaxNesting
///    levels of its small stack. Past either: a capacity error (the host
///    runs a GPU's sample again).
#if defined(__CUDA_ARCH__)
constexpr uint32_t kGpuMaxNesting = 24;
#else
/// The lowest address this thread's sample code may use on its stack
/// (Isolation.cpp sets it per thread; null: no check). A nesting that
/// would pass it is a capacity error, never a stack overflow.
extern thread_local const char *arcdslStackFloor;
#endif

/// The Python frames a sample's code is nested in (see above).
ARC_INLINE uint32_t pyDepth(const ArcCtx *c) {
  return (uint32_t)c->callDepth + c->pyFrames;
}

/// One more level of nesting (a call, or a walk into a nested value);
/// false, with the error set, past a bound less `reserve` levels. Pair
/// with leaveNesting.
ARC_INLINE bool enterNesting(ArcCtx *c, uint32_t reserve = 0) {
  if (pyDepth(c) + reserve >= kPyMaxFrames) {
    fail(c, ERR_RECURSION);
    return false;
  }
#if defined(__CUDA_ARCH__)
  if (c->callDepth + reserve >= kGpuMaxNesting) {
    fail(c, ERR_CAPACITY);
    return false;
  }
#else
  if (arcdslStackFloor &&
      (const char *)__builtin_frame_address(0) < arcdslStackFloor) {
    fail(c, ERR_CAPACITY);
    return false;
  }
#endif
  ++c->callDepth;
  return true;
}
ARC_INLINE void leaveNesting(ArcCtx *c) { --c->callDepth; }

/// A level of a walk into a nested value (comparison, hash), as a scope:
/// `NestingScope g(c); if (!g.ok) return ...;`. The walk runs inside a
/// primitive, whose own Python frame counts too (CPython's comparison of
/// nested frozensets recurses in C, against the same limit).
struct NestingScope {
  ArcCtx *c;
  bool ok;
  ARC_HD explicit NestingScope(ArcCtx *c) : c(c), ok(enterNesting(c, 1)) {}
  ARC_HD ~NestingScope() {
    if (ok)
      leaveNesting(c);
  }
  NestingScope(const NestingScope &) = delete;
  NestingScope &operator=(const NestingScope &) = delete;
};

//===----------------------------------------------------------------------===//
// Scalar constructors (set ERR_CAPACITY when the payload does not fit)
//===----------------------------------------------------------------------===//

ARC_INLINE av mkInt(ArcCtx *c, int64_t x) {
  if (!abi::intFits(x))
    return fail(c, ERR_CAPACITY);
  return abi::encodeInt(x);
}
ARC_INLINE av mkBool(bool b) { return mkBoolRaw(b); }
ARC_INLINE bool pairFits(int64_t i, int64_t j) { return abi::pairFits(i, j); }
/// XOR masks (each field's sign bit) that turn INT / PAIR / CELL words into
/// unsigned keys whose order is the canonical order of the values.
constexpr uint64_t kIntKeyMask = 1ull << 59;
constexpr uint64_t kPairKeyMask = (1ull << 55) | (1ull << 27);
constexpr uint64_t kCellKeyMask = (1ull << 51) | (1ull << 39) | (1ull << 19);
constexpr uint64_t kTripleKeyMask = (1ull << 59) | (1ull << 39) | (1ull << 19);
ARC_INLINE av mkPairRaw(int64_t i, int64_t j) { return abi::encodePair(i, j); }
ARC_INLINE bool cellFits(int64_t col, int64_t i, int64_t j) {
  return col <= kCellColorMax && col >= -kCellColorMax - 1 &&
         i <= kCellCoordMax && i >= -kCellCoordMax - 1 && j <= kCellCoordMax &&
         j >= -kCellCoordMax - 1;
}
ARC_INLINE av mkCellRaw(int64_t col, int64_t i, int64_t j) {
  return ((av)TAG_CELL << 60) | (((uint64_t)col & 0xFFFull) << 40) |
         (((uint64_t)i & 0xFFFFFull) << 20) | ((uint64_t)j & 0xFFFFFull);
}

constexpr int64_t kTripleMax = (1 << 19) - 1;
ARC_INLINE bool tripleFits(int64_t a, int64_t b, int64_t c) {
  return a <= kTripleMax && a >= -kTripleMax - 1 && b <= kTripleMax &&
         b >= -kTripleMax - 1 && c <= kTripleMax && c >= -kTripleMax - 1;
}
ARC_INLINE av mkTripleRaw(int64_t a, int64_t b, int64_t c) {
  return ((av)TAG_TRIPLE << 60) | (((uint64_t)a & 0xFFFFFull) << 40) |
         (((uint64_t)b & 0xFFFFFull) << 20) | ((uint64_t)c & 0xFFFFFull);
}
ARC_INLINE int64_t tripleA(av v) { return sext(v >> 40, 20); }
ARC_INLINE int64_t tripleB(av v) { return sext(v >> 20, 20); }
ARC_INLINE int64_t tripleC(av v) { return sext(v, 20); }
ARC_INLINE bool isTok(const ArcCtx *c) { return c->dialect == DIALECT_TOKPIDJIN; }
ARC_INLINE bool isPyOrder(const ArcCtx *c) { return c->order & ORDER_PYTHON; }

/// The special floats (payload): their canonical order is their repr's
/// ("-inf" < functions < None < "inf" < "nan", as the ordering rule's
/// fallback for values that are neither numbers nor containers).
enum FloatKind : uint32_t { FLOAT_NEG_INF = 0, FLOAT_INF = 1, FLOAT_NAN = 2 };
ARC_INLINE av mkFloat(FloatKind k) { return ((av)TAG_FLOAT << 60) | k; }
ARC_INLINE FloatKind floatOf(av v) { return (FloatKind)(uint32_t)(v & 3); }
ARC_INLINE bool isFloat(av v) { return tagOf(v) == TAG_FLOAT; }

//===----------------------------------------------------------------------===//
// Arena and boxes
//===----------------------------------------------------------------------===//

/// Set `c` up for a new sample in the arena [base, base + cap): the one way
/// every host and kernel starts a run.
ARC_INLINE void ctxStart(ArcCtx *c, uint8_t *base, uint64_t cap,
                         uint64_t workLimit) {
  c->base = base;
  c->cap = cap;
  c->top = 8; // offset 0 is never a box
  c->err = 0;
  c->callDepth = 0;
  c->pyFrames = 0;
  c->dialect = DIALECT_HODEL;
  c->order = ORDER_CANONICAL;
  c->work = kSampleNs;
  c->workLimit = workLimit;
  c->profile = nullptr;
  c->unitNs = kBodyCost.unitNs;
  c->rawUnits = 0;
  c->lane = 0; // a team of one (TeamLoops.h)
  c->lanes = 1;
  c->laneLog2 = 0;
}

/// Start another run in the arena `c` ran in, keeping what is there (a
/// batt's second call on a sample reads the first call's memo): the state
/// of ctxStart but the arena's top (and the team it runs on).
ARC_INLINE void ctxContinue(ArcCtx *c) {
  ArcCtx was = *c;
  ctxStart(c, c->base, c->cap, c->workLimit);
  c->top = was.top;
  c->profile = was.profile;
  c->lane = was.lane;
  c->lanes = was.lanes;
  c->laneLog2 = was.laneLog2;
}

/// Make `c` count raw work units (a profiling run: the fit's inputs).
ARC_INLINE void ctxCountRawUnits(ArcCtx *c) {
  c->work = 0;
  c->unitNs = 1;
  c->rawUnits = 1;
}

/// The scope of a primitive entry or of a callee call: it costs the entry's
/// call weight, makes work charged inside cost the entry's unit weight
/// (Cost.h), and reports to the sample's profile, if any (host only). A
/// call whose cost alone passes the bound sets ERR_WORK (ARC_PRIM_ENTER
/// then returns).
struct CostScope {
  ArcCtx *c;
  uint32_t outer; ///< the unit cost to restore
  ARC_INLINE CostScope(ArcCtx *ctx, PrimCost k, const char *what)
      : c(ctx), outer(ctx->unitNs) {
    if (!c->rawUnits) {
      c->unitNs = (uint16_t)k.unitNs; // Cost.h: unitWeightsFit
      if (__builtin_add_overflow(c->work, (uint64_t)k.callNs, &c->work))
        c->work = ~0ull;
      if (c->work > c->workLimit)
        fail(c, ERR_WORK);
    }
#if !defined(__CUDA_ARCH__)
    if (c->profile)
      c->profile->enter(c->profile, c, what);
#else
    (void)what;
#endif
  }
  ARC_INLINE ~CostScope() {
#if !defined(__CUDA_ARCH__)
    if (c->profile)
      c->profile->leave(c->profile, c);
#endif
    c->unitNs = outer;
  }
};

ARC_INLINE Box *box(ArcCtx *c, av v) { return (Box *)(c->base + boxOff(v)); }
ARC_INLINE av *elems(Box *b) { return (av *)(b + 1); }
ARC_INLINE GridCell *cells(Box *b) { return (GridCell *)(b + 1); }
ARC_INLINE uint32_t boxKind(ArcCtx *c, av v) {
  return isBox(v) ? box(c, v)->kind : 0;
}
ARC_INLINE bool isSet(ArcCtx *c, av v) { return boxKind(c, v) == BOX_SET; }
ARC_INLINE bool isGrid(ArcCtx *c, av v) { return boxKind(c, v) == BOX_GRID; }
ARC_INLINE bool isTupleBox(ArcCtx *c, av v) {
  return boxKind(c, v) == BOX_TUPLE;
}

/// Raw bump allocation (8-byte aligned); nullptr and ERR_CAPACITY when full.
ARC_INLINE void *arenaAlloc(ArcCtx *c, uint64_t bytes) {
  uint64_t off = (c->top + 7) & ~7ull;
  if (off + bytes > c->cap || off + bytes > 0xFFFFFFFFull) {
    fail(c, ERR_CAPACITY);
    return nullptr;
  }
  c->top = off + bytes;
#ifdef ARCDSL_ARENA_ASAN
  // Up to the next 8-byte boundary: the padding is this allocation's (the
  // next one starts there), and whole-word copies read it.
  uint64_t padded = (bytes + 7) & ~7ull;
  __asan_unpoison_memory_region(
      c->base + off, padded <= c->cap - off ? padded : c->cap - off);
#endif
  return c->base + off;
}
ARC_INLINE av boxRef(ArcCtx *c, void *p) {
  return mkBoxRaw((uint64_t)((uint8_t *)p - c->base));
}

/// A tuple or set box with room for n elements (uninitialised), kind set.
ARC_INLINE Box *newSeq(ArcCtx *c, uint16_t kind, uint32_t n) {
  Box *b = (Box *)arenaAlloc(c, sizeof(Box) + 8ull * n);
  if (!b)
    return nullptr;
  b->kind = kind;
  b->w = 0;
  b->n = n;
  return b;
}
/// A grid box h x w (uninitialised cells).
ARC_INLINE Box *newGrid(ArcCtx *c, int64_t h, int64_t w) {
  if (h < 0 || w < 0 || h > kGridMaxDim || w > kGridMaxDim) {
    fail(c, ERR_CAPACITY);
    return nullptr;
  }
  Box *b = (Box *)arenaAlloc(c, sizeof(Box) + sizeof(GridCell) *
                                                   (uint64_t)h * (uint64_t)w);
  if (!b)
    return nullptr;
  b->kind = BOX_GRID;
  b->w = (uint32_t)w;
  b->n = (uint32_t)h;
  return b;
}
/// Store a colour into a grid cell; colours must fit GridCell.
ARC_INLINE bool putCell(ArcCtx *c, Box *g, int64_t i, int64_t j, int64_t v) {
  if (v < kGridCellMin || v > kGridCellMax) {
    fail(c, ERR_CAPACITY);
    return false;
  }
  cells(g)[i * g->w + j] = (GridCell)v;
  return true;
}

//===----------------------------------------------------------------------===//
// Generic helpers implemented in lib/Primitives/Value.cpp
//===----------------------------------------------------------------------===//

/// Canonical order (the ordering rule of DEVELOPERS.md): -1, 0, 1.
ARC_HD int compareCanon(ArcCtx *c, av a, av b);
/// Python `==` (bool == int by value; structural for containers).
ARC_HD bool equalValues(ArcCtx *c, av a, av b);
/// Python ordering `a < b` for max/min/sorted keys: numbers by value, tuples
/// lexicographically; anything else sets ERR_TYPE. Returns -1/0/1.
ARC_HD int comparePy(ArcCtx *c, av a, av b);
/// Python truthiness (`if x:`): 0, False, empty containers, None are false.
ARC_HD bool truthy(ArcCtx *c, av v);

/// Build a tuple from n values, canonicalising its representation (PAIR,
/// CELL, GRID forms). `xs` may live anywhere (it is copied).
ARC_HD av makeTuple(ArcCtx *c, const av *xs, uint32_t n);
/// Build a frozenset from n values, `frozenset(iter(xs))`: under the
/// canonical order sorted and deduped (`xs` is sorted in place); under the
/// python order each value added in turn to a CPython table (PySet.h).
ARC_HD av makeSet(ArcCtx *c, av *xs, uint32_t n);
/// makeSet of values known to be distinct (the indices or cells of a grid):
/// the same set, built faster.
ARC_HD av makeDistinctSet(ArcCtx *c, av *xs, uint32_t n);
/// Sort n values in place in canonical order.
ARC_HD void sortValues(ArcCtx *c, av *xs, uint32_t n);
/// Sort n values in place in canonical order and drop duplicates; returns
/// how many are left (what makeSet puts in a set).
ARC_HD uint32_t sortUnique(ArcCtx *c, av *xs, uint32_t n);
/// In-place sort of unsigned words (heap sort: no scratch).
ARC_HD void sortWords(uint64_t *a, uint32_t n);
/// Stable sort of xs by keys (Python `sorted(xs, key=...)` order, comparePy);
/// keys[] is permuted along with xs[].
ARC_HD void sortByKeys(ArcCtx *c, av *xs, av *keys, uint32_t n);

/// Generic sequence view over any tuple-like or set value:
/// PAIR (2 ints), CELL (int, pair), tuple/set boxes, GRID (rows as tuples).
/// seqLen sets ERR_TYPE for non-containers (ints, None...).
ARC_HD int64_t seqLen(ArcCtx *c, av v);
/// Element k of a container (0 <= k < seqLen). Grid rows are materialised.
ARC_HD av seqAt(ArcCtx *c, av v, int64_t k);
/// A scratch array of n values on the arena (for building results).
ARC_HD av *scratch(ArcCtx *c, uint64_t n);

/// Convert any tuple-of-int-tuples value to a grid box pointer (grids are
/// returned as is); nullptr + ERR_TYPE when v is not grid-shaped.
ARC_HD Box *asGrid(ArcCtx *c, av v);

//===----------------------------------------------------------------------===//
// Function values, implemented in lib/Primitives/Fn.cpp
//===----------------------------------------------------------------------===//

/// Canonical order of two FN words: the reference orders functions by
/// repr(), `<function NAME at 0x...>`, so primitives by name and closures
/// by the name of the builder that made them (`compose.<locals>.<lambda>`),
/// then by creation order (CPython: by address, which is arbitrary).
ARC_HD int compareFns(ArcCtx *c, av a, av b);
/// Python `a == b` of two FN words: identity (the same primitive, or the
/// same closure).
ARC_HD bool sameFn(ArcCtx *c, av a, av b);
/// Call function value f with n arguments (the interpreter of function
/// values: primitives, and closures made at run time); ERR_TYPE when f is
/// not a function or takes another number of arguments.
ARC_HD av callFn(ArcCtx *c, av f, uint32_t n, const av *args);
/// Python's `__code__.co_argcount` of a function value (0 when not one).
ARC_HD uint32_t fnArgCount(ArcCtx *c, av f);
/// Name of primitive `id` (null when out of range).
ARC_HD const char *primName(uint32_t id);
/// A function's name as its repr shows it: the primitive's, or for a
/// closure the builder's (`compose` for `compose.<locals>.<lambda>`).
ARC_HD const char *fnName(ArcCtx *c, av f);
/// What follows the name in a function's qualified name: "" for a
/// primitive, ".<locals>.<lambda>" for a closure (".<locals>.safe_callable"
/// for the function a batt line takes when a Callable-returning call fails).
ARC_HD const char *fnQualTail(ArcCtx *c, av f);
/// A new `safe_callable`: takes any arguments, returns ().
ARC_HD av makeSafeCallable(ArcCtx *c);

} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_VALUE_H
