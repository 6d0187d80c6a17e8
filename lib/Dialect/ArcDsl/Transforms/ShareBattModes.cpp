//===- ShareBattModes.cpp - one batt call's lines reused by the next -----===//
//
// run_batt.py calls a batt on every sample twice, with C = None and with
// C = the expected output. The lines that do not read C (in card.py's
// batts, the solvers, and most of the work) compute the same in both
// calls. This pass adds a record form of each batt, which keeps those
// lines' values and costs in a memo, and a replay form, which takes them
// from it (ArcDslPasses.td says what each holds; the host side is
// runtime::runBattPairs).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"

namespace arcdsl {
#define GEN_PASS_DEF_SHAREBATTMODES
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

/// Item k of the batt's argument tuple: 0 S, 1 I, 2 C, 3 the memo.
constexpr int64_t kItemC = 2, kItemMemo = 3;

/// A batt line: its ops, the `batt_line` that ends it last.
struct Line {
  SmallVector<Operation *> ops;
  bool shared = false;
  SmallVector<Value> kept; ///< values used after the line (shared lines)
};

/// Ops that do no work and raise nothing: they stay in the replay form.
bool isFree(Operation *op, Value args) {
  if (isa<ConstantOp, PrimRefOp, StatusOp, BattLineOp>(op))
    return true;
  auto item = dyn_cast<ItemOp>(op);
  return item && item.getTuple() == args;
}

struct ShareBattModesPass
    : public arcdsl::impl::ShareBattModesBase<ShareBattModesPass> {
  using ShareBattModesBase::ShareBattModesBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (func::FuncOp fn : llvm::to_vector(module.getOps<func::FuncOp>()))
      if (fn->hasAttr("arcdsl.batt") && !fn.isExternal() &&
          fn.getNumArguments() == 1 && fn.getBody().hasOneBlock() &&
          !symbols.lookup((fn.getSymName() + ".record").str()))
        share(fn, symbols);
  }

  /// The lines of `fn` (its ops up to each `batt_line`), which of them
  /// are shared and what values each keeps.
  SmallVector<Line> lines(func::FuncOp fn) {
    Value args = fn.getArgument(0);
    Block &body = fn.front();
    // The ops reached from C: an operand of the op, or of an op nested in
    // it, is C or a result of such an op.
    llvm::DenseSet<Value> fromC;
    llvm::DenseSet<Operation *> reached;
    for (Operation &op : body) {
      bool hit = false;
      if (auto item = dyn_cast<ItemOp>(op))
        hit = item.getTuple() == args && item.getIndex() >= kItemC;
      op.walk([&](Operation *inner) {
        for (Value v : inner->getOperands())
          hit = hit || fromC.contains(v) ||
                (v == args && !isa<ItemOp>(inner));
      });
      if (hit) {
        reached.insert(&op);
        fromC.insert(op.getResults().begin(), op.getResults().end());
      }
    }
    SmallVector<Line> out;
    Line cur;
    for (Operation &op : body) {
      cur.ops.push_back(&op);
      if (!isa<BattLineOp>(op))
        continue;
      ++numLines;
      llvm::DenseSet<Operation *> mine(cur.ops.begin(), cur.ops.end());
      bool works = false, fromCHere = false;
      for (Operation *o : cur.ops) {
        works = works || !isFree(o, args);
        fromCHere = fromCHere || reached.contains(o);
      }
      cur.shared = works && !fromCHere;
      if (cur.shared) {
        for (Operation *o : cur.ops) {
          if (isFree(o, args))
            continue;
          for (Value r : o->getResults())
            if (llvm::any_of(r.getUses(), [&](OpOperand &u) {
                  return !mine.contains(body.findAncestorOpInBlock(*u.getOwner()));
                }))
              cur.kept.push_back(r);
        }
        ++numShared;
      }
      out.push_back(std::move(cur));
      cur = Line();
    }
    return out;
  }

  void share(func::FuncOp fn, SymbolTable &symbols) {
    SmallVector<Line> all = lines(fn);
    int64_t ranges = 0, values = 0;
    for (const Line &l : all)
      if (l.shared)
        ++ranges, values += l.kept.size();
    if (!ranges)
      return;
    MLIRContext *ctx = fn.getContext();
    OpBuilder b(ctx);
    fn->setAttr("arcdsl.batt_memo",
                b.getI64IntegerAttr(2 * ranges + values));

    // A clone of fn named F.<suffix>, its memo item, and the map from fn.
    auto cloneAs = [&](StringRef suffix, IRMapping &map, Value &memo) {
      auto copy = cast<func::FuncOp>(fn->clone(map));
      copy.setSymName((fn.getSymName() + "." + suffix).str());
      copy->removeAttr("arcdsl.batt");
      copy->removeAttr("arcdsl.batt_memo");
      symbols.insert(copy, Block::iterator(fn->getNextNode()));
      b.setInsertionPointToStart(&copy.front());
      memo = ItemOp::create(b, fn.getLoc(), AnyType::get(ctx),
                            copy.getArgument(0),
                            b.getI64IntegerAttr(kItemMemo));
      return copy;
    };

    // Record: marks around each shared line, its kept values stored.
    IRMapping rmap;
    Value rmemo;
    cloneAs("record", rmap, rmemo);
    int64_t r = 0, slot = 2 * ranges;
    for (const Line &l : all) {
      if (!l.shared)
        continue;
      Operation *first = rmap.lookup(l.ops.front());
      Operation *end = rmap.lookup(l.ops.back());
      b.setInsertionPoint(first);
      BattMemoMarkOp::create(b, first->getLoc(), rmemo, 2 * r);
      b.setInsertionPoint(end);
      for (Value v : l.kept)
        BattMemoStoreOp::create(b, end->getLoc(), rmap.lookup(v), rmemo,
                                slot++);
      BattMemoMarkOp::create(b, end->getLoc(), rmemo, 2 * r + 1);
      ++r;
    }

    // Replay: each shared line's cost charged, its values loaded, its
    // ops gone.
    IRMapping pmap;
    Value pmemo;
    func::FuncOp replay = cloneAs("replay", pmap, pmemo);
    Value pargs = replay.getArgument(0);
    Block &pbody = replay.front();
    r = 0, slot = 2 * ranges;
    for (const Line &l : all) {
      if (!l.shared)
        continue;
      SmallVector<Operation *> ops;
      for (Operation *o : l.ops)
        ops.push_back(pmap.lookup(o));
      llvm::DenseSet<Operation *> mine(ops.begin(), ops.end());
      Operation *end = ops.back();
      b.setInsertionPoint(end);
      BattMemoChargeOp::create(b, end->getLoc(), pmemo, 2 * r);
      for (Value v : l.kept) {
        Value old = pmap.lookup(v);
        Value load = BattMemoLoadOp::create(b, end->getLoc(), old.getType(),
                                            pmemo, slot++);
        old.replaceUsesWithIf(load, [&](OpOperand &u) {
          return !mine.contains(pbody.findAncestorOpInBlock(*u.getOwner()));
        });
      }
      for (Operation *o : llvm::reverse(ops)) {
        if (isa<BattLineOp>(o) || (isFree(o, pargs) && !o->use_empty()))
          continue;
        if (!o->use_empty()) {
          o->emitError("internal: a shared batt line's op is still used");
          return signalPassFailure();
        }
        o->erase();
      }
      ++r;
    }
  }
};

} // namespace
