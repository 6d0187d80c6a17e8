//===- PrimCSE.cpp - merge identical primitive calls ----------------------===//
//
// What upstream CSE cannot do, on top of it (the pass runs upstream CSE
// first, which merges the pure ops: constants, primitive references and the
// primitives that cannot raise, ArcDsl_TotalPrim):
//   1. Merge identical calls that may raise. A primitive's only effect is a
//      write of the per-sample error state, and primitives are
//      deterministic: a second call with the same operands yields the same
//      value, or raises the same error only if the first one already did
//      (the error state is sticky until a batt line's `recover`, which
//      reads it, and nothing between two calls in a block clears it but a
//      `recover`: merging never crosses one). Upstream CSE never merges
//      ops that write (MemWrite<arcdsl.error_state>), and must not in
//      general.
//   2. Merge identical private functions (closure specialization makes one
//      per use), and then the calls that name them.
// Closure builders and hofs that return function values are never merged:
// each makes new function objects (Python compares them by identity).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/CSE.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#define DEBUG_TYPE "arcdsl-cse"

namespace arcdsl {
#define GEN_PASS_DEF_PRIMCSE
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

struct OpKey : llvm::DenseMapInfo<Operation *> {
  static unsigned getHashValue(const Operation *op) {
    return OperationEquivalence::computeHash(
        const_cast<Operation *>(op), OperationEquivalence::directHashValue,
        OperationEquivalence::ignoreHashValue,
        OperationEquivalence::IgnoreLocations);
  }
  static bool isEqual(const Operation *l, const Operation *r) {
    if (l == r)
      return true;
    if (l == getEmptyKey() || l == getTombstoneKey() || r == getEmptyKey() ||
        r == getTombstoneKey())
      return false;
    return OperationEquivalence::isEquivalentTo(
        const_cast<Operation *>(l), const_cast<Operation *>(r),
        OperationEquivalence::IgnoreLocations);
  }
};

/// Private functions with the same body (closure specialization makes one
/// per use) become one: later copies are erased and their uses redirected.
unsigned mergeIdenticalFunctions(ModuleOp module) {
  unsigned merged = 0;
  llvm::StringMap<StringAttr> firstWithBody;
  DenseMap<StringAttr, StringAttr> replace;
  for (auto fn : llvm::make_early_inc_range(module.getOps<func::FuncOp>())) {
    if (!fn.isPrivate() || fn.isExternal())
      continue;
    auto copy = cast<func::FuncOp>(fn->clone());
    copy.setSymName("f");
    std::string key;
    llvm::raw_string_ostream os(key);
    copy->print(os, OpPrintingFlags().printGenericOpForm().elideLargeElementsAttrs());
    copy->erase();
    auto [it, inserted] = firstWithBody.try_emplace(key, fn.getSymNameAttr());
    if (inserted)
      continue;
    replace[fn.getSymNameAttr()] = it->second;
    fn.erase();
    ++merged;
  }
  if (replace.empty())
    return 0;
  module.walk([&](HigherOrderOpInterface hof) {
    SmallVector<Attribute> callees;
    for (Attribute a : hof.getCallees()) {
      auto ref = cast<FlatSymbolRefAttr>(a);
      auto it = replace.find(ref.getAttr());
      callees.push_back(it == replace.end()
                            ? a
                            : FlatSymbolRefAttr::get(it->second));
    }
    hof.setCalleesAttr(ArrayAttr::get(module.getContext(), callees));
  });
  return merged;
}

/// A type whose values hold function values (fn, containers of fn).
static bool holdsFunctions(Type t) {
  if (auto b = dyn_cast<BatchType>(t))
    return holdsFunctions(b.getElementType());
  if (isa<FnType>(t))
    return true;
  if (auto s = dyn_cast<SetType>(t))
    return holdsFunctions(s.getElementType());
  if (auto tu = dyn_cast<arcdsl::TupleType>(t))
    return holdsFunctions(tu.getElementType());
  if (auto p = dyn_cast<ProductType>(t))
    return llvm::any_of(p.getElementTypes(), holdsFunctions);
  return false;
}

struct PrimCSEPass : public arcdsl::impl::PrimCSEBase<PrimCSEPass> {
  void runOnOperation() override {
    unsigned merged = 0;
    // Callees first (their bodies may themselves have duplicates), then
    // functions, then the calls that now name the same callee. Merging
    // may-raise calls makes pure ops equal (toivec(first(p)) once the two
    // `first` merge) and the other way round: to a fixed point.
    mergeToFixedPoint(merged);
    merged += mergeIdenticalFunctions(getOperation());
    mergeToFixedPoint(merged);
    numMerged += merged;
  }

  /// Upstream CSE (the pure ops); true when it changed something.
  bool upstreamCSE() {
    IRRewriter rewriter(&getContext());
    DominanceInfo dom(getOperation());
    bool changed = false;
    eliminateCommonSubExpressions(rewriter, dom, getOperation(), &changed);
    return changed;
  }

  void mergeToFixedPoint(unsigned &merged) {
    for (unsigned round = 0; round < 16; ++round) {
      bool changed = upstreamCSE();
      unsigned before = merged;
      mergeOps(merged);
      if (!changed && merged == before)
        break;
    }
  }

  void mergeOps(unsigned &merged) {
    getOperation().walk([&](Block *block) {
      llvm::DenseMap<Operation *, Operation *, OpKey> seen;
      for (Operation &op : llvm::make_early_inc_range(*block)) {
        // A `recover` clears the error state: calls on either side of it
        // are not merged (the later one raises again, as in Python).
        if (isa<RecoverOp>(op)) {
          seen.clear();
          continue;
        }
        if (op.getNumResults() != 1 || op.getNumRegions() != 0)
          continue;
        // Pure ops are upstream CSE's.
        if (!isa<HigherOrderOpInterface, PrimitiveOpInterface,
                 TokOpInterface>(op) ||
            isPure(&op))
          continue;
        // A tokpidjin call is deterministic too (its safe wrapper turns a
        // Python error into the default; only capacity and work-bound
        // errors are written); one that may call a function value may make
        // a new function object (a closure, safe_callable): never merged.
        if (auto t = dyn_cast<TokOpInterface>(op))
          if (t.callsFunctions())
            continue;

        // Each closure-builder call makes a new function object (Python
        // compares functions by identity): never merged, nor anything
        // known to return new closures.
        if (auto p = dyn_cast<PrimitiveOpInterface>(op))
          if (p.getPrimClass() == PrimClass::Closure)
            continue;
        if (isa<HigherOrderOpInterface>(op) && holdsFunctions(op.getResult(0).getType()))
          continue;
        auto [it, inserted] = seen.try_emplace(&op, &op);
        if (inserted)
          continue;
        Operation *prev = it->second;
        if (prev->getResult(0).getType() != op.getResult(0).getType())
          continue;
        op.getResult(0).replaceAllUsesWith(prev->getResult(0));
        op.erase();
        ++merged;
      }
    });
  }
};

} // namespace
