//===- ShareBattModes.cpp - one batt call's lines reused by the next -----===//
//
// run_batt.py calls a batt on every sample twice, with C = None and with
// C = the expected output. The lines that do not read C (in card.py's
// batts, the solvers, and most of the work) compute the same in both
// calls. This pass puts each such line under an `scf.if`: computed (and
// its values and cost kept, when the call has a memo) or replayed from the
// memo (ArcDslPasses.td; the host side is runtime::runBattOnThreads).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/ADT/DenseSet.h"

namespace arcdsl {
#define GEN_PASS_DEF_SHAREBATTMODES
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

/// Item 2 of the batt's argument tuple is C.
constexpr int64_t kItemC = 2;
/// The number of memo words of a function the pass has shared.
constexpr llvm::StringLiteral kMemoAttr = "arcdsl.batt_memo";

/// A batt line: its ops, the `batt_line` that ends it last.
struct Line {
  SmallVector<Operation *> ops;
  bool shared = false;
  SmallVector<Value> kept; ///< values used after the line (shared lines)
};

/// Ops that do no work and raise nothing: a line of only these is not
/// shared, and those a later line uses stay outside the branch.
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
    for (func::FuncOp fn : getOperation().getOps<func::FuncOp>())
      if (fn->hasAttr("arcdsl.batt") && !fn->hasAttr(kMemoAttr) &&
          !fn.isExternal() && fn.getNumArguments() == 1 &&
          fn.getBody().hasOneBlock())
        share(fn);
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

  void share(func::FuncOp fn) {
    SmallVector<Line> all = lines(fn);
    int64_t ranges = 0, values = 0;
    for (const Line &l : all)
      if (l.shared)
        ++ranges, values += l.kept.size();
    if (!ranges)
      return;
    // Word 0: the replay flag; then two marks per shared line; then the
    // values kept.
    OpBuilder b(fn.getContext());
    fn->setAttr(kMemoAttr, b.getI64IntegerAttr(1 + 2 * ranges + values));
    Value args = fn.getArgument(0);
    b.setInsertionPointToStart(&fn.front());
    Value memo = BattMemoOp::create(b, fn.getLoc(),
                                    AnyType::get(fn.getContext()), args);
    int64_t mark = 1, slot = 1 + 2 * ranges;
    for (Line &l : all) {
      if (!l.shared)
        continue;
      Operation *end = l.ops.back(); // the line's batt_line
      Location loc = end->getLoc();
      llvm::DenseSet<Operation *> mine(l.ops.begin(), l.ops.end());
      b.setInsertionPoint(end);
      Value replaying = BattMemoReplayingOp::create(b, loc, memo);
      SmallVector<Type> types;
      for (Value v : l.kept)
        types.push_back(v.getType());
      auto branch = scf::IfOp::create(b, loc, types, replaying,
                                      /*withElseRegion=*/true);
      // The end of a branch's block (before its yield, when it has one).
      auto atEnd = [&](Block &block) {
        if (!block.empty() && block.back().hasTrait<OpTrait::IsTerminator>())
          b.setInsertionPoint(&block.back());
        else
          b.setInsertionPointToEnd(&block);
      };
      auto yield = [&](Block &block, ValueRange vs) {
        if (block.empty() || !block.back().hasTrait<OpTrait::IsTerminator>())
          scf::YieldOp::create(b, loc, vs);
      };
      // Replaying: what the line cost, then its values.
      Block &replay = branch.getThenRegion().front();
      atEnd(replay);
      BattMemoChargeOp::create(b, loc, memo, mark);
      SmallVector<Value> loads;
      for (Value v : l.kept)
        loads.push_back(
            BattMemoLoadOp::create(b, loc, v.getType(), memo, slot + loads.size()));
      yield(replay, loads);
      // Computing: the line's ops between two marks, its values kept.
      Block &compute = branch.getElseRegion().front();
      atEnd(compute);
      BattMemoMarkOp::create(b, loc, memo, mark);
      for (Operation *o : l.ops) {
        bool usedAfter = llvm::any_of(o->getUsers(), [&](Operation *u) {
          return !mine.contains(fn.front().findAncestorOpInBlock(*u));
        });
        if (o == end || (isFree(o, args) && usedAfter))
          continue; // stays before the branch
        o->moveBefore(b.getInsertionBlock(), b.getInsertionPoint());
      }
      for (auto [k, v] : llvm::enumerate(l.kept))
        BattMemoStoreOp::create(b, loc, v, memo, slot + k);
      BattMemoMarkOp::create(b, loc, memo, mark + 1);
      yield(compute, l.kept);
      for (auto [v, r] : llvm::zip(l.kept, branch.getResults()))
        v.replaceUsesWithIf(r, [&](OpOperand &u) {
          return !branch->isAncestor(u.getOwner());
        });
      mark += 2;
      slot += l.kept.size();
    }
  }
};

} // namespace
