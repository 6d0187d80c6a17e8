//===- PrimCSE.cpp - merge identical primitive calls ----------------------===//
//
// Primitives are deterministic: a second call with the same operands yields
// the same value, or the same error, which the first call already raised.
// Upstream CSE leaves them alone because they carry a write effect (so that
// dead calls, which may raise, are kept); this pass merges them per block.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/OperationSupport.h"
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
    // functions, then the calls that now name the same callee.
    mergeOps(merged);
    merged += mergeIdenticalFunctions(getOperation());
    mergeOps(merged);
    numMerged += merged;
  }

  void mergeOps(unsigned &merged) {
    getOperation().walk([&](Block *block) {
      llvm::DenseMap<Operation *, Operation *, OpKey> seen;
      for (Operation &op : llvm::make_early_inc_range(*block)) {
        if (op.getNumResults() != 1 || op.getNumRegions() != 0)
          continue;
        if (!isa<ConstantOp, PrimRefOp, HigherOrderOpInterface,
                 PrimitiveOpInterface, TokOpInterface>(op))
          continue;
        // A tokpidjin call is deterministic too (its safe wrapper turns an
        // error into the default); one that may call a function value may
        // make a new function object (a closure, safe_callable).
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
