//===- Primitives.h - the primitive library's C ABI --------------*- C++ -*-===//
//
// Declarations of every primitive of the library, generated from
// Primitives.def (itself generated from ArcDslPrimitives.td). Host/device
// neutral; includes nothing from LLVM/MLIR.
//
// ABI: `av arcdsl_prim_<name>(ArcCtx *ctx, av arg0, ...)`, one av per DSL
// parameter. Every entry returns kErr at once when ctx->err is set.
// Higher-order primitives (HOF) take function values (Fn.cpp calls them);
// closure builders (CLOSURE) return them. The compiler calls these entries
// only where a function is not known at compile time: otherwise it expands
// a HOF into a loop over the specialized function (ArcDslToLLVM).
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_PRIMITIVES_H
#define ARCDSL_PRIMITIVES_PRIMITIVES_H

#include "ArcDsl/Primitives/Value.h"

namespace arcdsl {

enum PrimKind : uint8_t { PRIM_FO, PRIM_HOF, PRIM_CLOSURE };

enum PrimId : uint32_t {
#define ARCDSL_PRIM(Id, name, Arity, Kind) PRIM_ID_##name,
#include "ArcDsl/Primitives/Primitives.def"
  PRIM_COUNT
};

/// The tokpidjin DSL's functions (Tokpidjin.def): their FN words carry
/// kTokBase + TokId, so a tokpidjin function value keeps its own name,
/// arity and failure value even where it runs a Hodel primitive's code.
enum TokId : uint32_t {
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty) TOK_ID_##name,
#include "ArcDsl/Primitives/Tokpidjin.def"
  TOK_COUNT
};
constexpr uint32_t kTokBase = PRIM_COUNT;
/// Every FN payload below this names a function of one of the two tables.
constexpr uint32_t kFnIdEnd = kTokBase + TOK_COUNT;

} // namespace arcdsl

#define ARCDSL_PARAMS_1 arcdsl::av
#define ARCDSL_PARAMS_2 arcdsl::av, arcdsl::av
#define ARCDSL_PARAMS_3 arcdsl::av, arcdsl::av, arcdsl::av
#define ARCDSL_PARAMS_4 arcdsl::av, arcdsl::av, arcdsl::av, arcdsl::av
#ifndef ARCDSL_PRIM_DECL_ATTRS
#define ARCDSL_PRIM_DECL_ATTRS
#endif
// PrimTable.cpp defines ARCDSL_PRIM_DECL_ATTRS as weak before including this
// header, so a host can ask whether a primitive is implemented (its entry is
// null when not) instead of failing to link. Everything else sees plain
// declarations, so device code can inline them.
#define ARCDSL_DECLARE_FO(name, Arity)                                         \
  ARCDSL_EXPORT ARCDSL_PRIM_DECL_ATTRS arcdsl::av arcdsl_prim_##name(          \
      arcdsl::ArcCtx *, ARCDSL_PARAMS_##Arity);
#define ARCDSL_DECLARE_HOF(name, Arity) ARCDSL_DECLARE_FO(name, Arity)
#define ARCDSL_DECLARE_CLOSURE(name, Arity) ARCDSL_DECLARE_FO(name, Arity)
#define ARCDSL_PRIM(Id, name, Arity, Kind) ARCDSL_DECLARE_##Kind(name, Arity)
#include "ArcDsl/Primitives/Primitives.def"
#undef ARCDSL_DECLARE_FO
#undef ARCDSL_DECLARE_HOF
#undef ARCDSL_DECLARE_CLOSURE
// The tokpidjin DSL's own entries (Tokpidjin*.cpp), same ABI.
#define ARCDSL_TOK_ENTRY(Entry, Arity)                                         \
  ARCDSL_EXPORT arcdsl::av arcdsl_##Entry(arcdsl::ArcCtx *,                    \
                                          ARCDSL_PARAMS_##Arity);
#include "ArcDsl/Primitives/Tokpidjin.def"
/// Call tokpidjin function `tokId` with n arguments through its safe
/// wrapper: a call with the wrong arguments, or one that raises a Python
/// exception, returns the function's default (capacity and work-bound
/// errors stay).
ARCDSL_EXPORT arcdsl::av arcdsl_rt_tok_call(arcdsl::ArcCtx *c, uint32_t tokId,
                                            uint32_t n, const arcdsl::av *a);
/// Name, _original_argcount and failure value of tokpidjin function tokId.
ARC_HD const char *arcdsl_tok_name(uint32_t tokId);
ARC_HD uint32_t arcdsl_tok_argcount(uint32_t tokId);
ARC_HD arcdsl::av arcdsl_tok_default(arcdsl::ArcCtx *c, uint32_t tokId);
/// Make `c` run the tokpidjin DSL's semantics (a tokpidjin program's entry).
ARCDSL_EXPORT void arcdsl_rt_set_dialect(arcdsl::ArcCtx *c, int64_t dialect);
/// Make `c` iterate frozensets in `order` (SetOrder: a program compiled for
/// the python order calls this at entry).
ARCDSL_EXPORT void arcdsl_rt_set_order(arcdsl::ArcCtx *c, int64_t order);

/// Every primitive entry starts with this: errors are sticky per sample,
/// the entry costs its weights (Cost.h, looked up at compile time by the
/// function's name) and a profiling run counts it.
#define ARC_PRIM_ENTER(ctx)                                                    \
  if ((ctx)->err)                                                              \
    return ::arcdsl::kErr;                                                     \
  constexpr ::arcdsl::PrimCost arcCost_ = ::arcdsl::costOf(__func__);          \
  ::arcdsl::CostScope arcCostScope_((ctx), arcCost_, __func__);                \
  if ((ctx)->err)                                                              \
  return ::arcdsl::kErr

/// Host-side table of primitives (name, arity, kind, entry or null).
namespace arcdsl {
struct PrimInfo {
  const char *name;
  uint8_t arity;
  PrimKind kind;
  void *entry; ///< null when the library does not implement it
};
/// PRIM_COUNT entries, indexed by PrimId.
const PrimInfo *primTable();
/// Lookup by Python name; null when unknown.
const PrimInfo *findPrim(const char *name);
} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_PRIMITIVES_H
