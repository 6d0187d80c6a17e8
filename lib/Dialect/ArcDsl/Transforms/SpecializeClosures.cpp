//===- SpecializeClosures.cpp - function values to direct code ------------===//
//
// Re-emits every function with an abstract interpreter in which a function
// value is a closure term (a primitive, a partial application from
// rbind/lbind, a composition, a fork, a matcher, a power, a branch between
// two functions). Calling a term emits its code inline; a higher-order
// primitive gets the term specialized into a private function that takes
// the term's captured values first, and becomes an `arcdsl.hof.<prim>` op.
//
// Where a function flows into data (`initset(identity)`, `astuple(f, g)`,
// a solver's result, a specialized function that returns a function) the
// term is materialized: the closure-builder primitives that Python would
// have run (`arcdsl.compose`, `arcdsl.rbind`, ...) and `arcdsl.prim_ref`,
// built at run time by the primitive library. Functions that are only
// known at run time (taken out of a container) are called through
// `arcdsl.call_value` and passed to the library's own higher-order
// primitives; both run in the library's interpreter of function values.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"
#include "ArcDsl/Primitives/ABI.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

#define DEBUG_TYPE "arcdsl-specialize-closures"

namespace arcdsl {
#define GEN_PASS_DEF_SPECIALIZECLOSURES
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

constexpr llvm::StringLiteral kSpecializedAttr = "arcdsl.specialized";
/// Most primitive calls one call of a function value emits inline.
constexpr uint64_t kMaxInlineCalls = 512;

struct Clo;
using CloPtr = std::shared_ptr<const Clo>;

/// An abstract value: a run-time value or a closure term.
struct AbsVal {
  Value v;
  CloPtr clo;
  bool isFn() const { return clo != nullptr; }
};

struct Clo {
  enum Kind { Prim, Partial, Compose, Fork, Matcher, Power, Branch } kind;
  std::string prim;              // Prim
  std::vector<AbsVal> left;      // Partial: bound before the arguments
  std::vector<AbsVal> right;     // Partial: bound after the arguments
  std::vector<CloPtr> fns;       // sub-functions (Compose: outer..inner)
  AbsVal extra;                  // Matcher target, Power count, Branch cond
};

/// Number of arguments a higher-order primitive passes to its function.
static unsigned hofArity(StringRef prim) {
  return (prim == "papply" || prim == "mpapply" || prim == "prapply") ? 2 : 1;
}

class Specializer {
public:
  Specializer(ModuleOp module, unsigned &numSpecialized)
      : module(module), symbols(module), builder(module.getContext()),
        numSpecialized(numSpecialized) {}

  LogicalResult run(func::FuncOp fn) {
    baseName = fn.getSymName().str();
    counter = 0;
    Block &oldBody = fn.getBody().front();
    auto *newBody = new Block();
    DenseMap<Value, AbsVal> abs;
    for (BlockArgument a : oldBody.getArguments()) {
      BlockArgument n = newBody->addArgument(a.getType(), a.getLoc());
      abs[a] = AbsVal{n, nullptr};
    }
    builder.setInsertionPointToEnd(newBody);
    insertAfter = fn;
    matCache.clear();
    IRMapping none;
    bool lenient = isLenient(module);
    for (Operation &op : oldBody) {
      auto get = [&](Value v) { return abs.lookup(v); };
      if (auto rec = dyn_cast<RecoverOp>(op)) {
        AbsVal v = get(rec.getValue());
        if (v.isFn() && !mayFailToBuild(v.clo)) {
          // A closure term that Python builds without fail: nothing to
          // recover.
          abs[rec.getResult()] = v;
          continue;
        }
        // The value: built (and failing) at this line. The callee only
        // chooses the failure value: a primitive's, or () for a closure
        // (which has no annotations); it is not built here, so nothing it
        // needs can fail after the line did.
        IRMapping m;
        m.map(rec.getValue(), materialize(v, op.getLoc(), none));
        m.map(rec.getBefore(), get(rec.getBefore()).v);
        AbsVal callee = get(rec.getCallee());
        Value c;
        if (!callee.isFn())
          c = callee.v;
        else if (callee.clo->kind == Clo::Prim)
          c = PrimRefOp::create(builder, op.getLoc(),
                                FnType::get(op.getContext()),
                                builder.getStringAttr(callee.clo->prim));
        else if (callee.clo->kind == Clo::Branch)
          c = materialize(callee, op.getLoc(), none);
        else
          c = ConstantOp::create(builder, op.getLoc(),
                                 arcdsl::NoneType::get(op.getContext()),
                                 builder.getUnitAttr());
        m.map(rec.getCallee(), c);
        abs[rec.getResult()] =
            AbsVal{builder.clone(op, m)->getResult(0), nullptr};
        continue;
      }
      if (isa<BattLineOp>(op)) {
        builder.clone(op); // the end of a batt line: stays in place
        continue;
      }
      if (isa<FailOp, MakeTupleOp, ItemOp, StatusOp>(op)) {
        // Batt structure: operands as run-time values.
        IRMapping m;
        for (Value a : op.getOperands())
          m.map(a, materialize(get(a), op.getLoc(), none));
        abs[op.getResult(0)] = AbsVal{builder.clone(op, m)->getResult(0), nullptr};
        continue;
      }
      // In a batt, a line that cannot be specialized (a call with the wrong
      // number of arguments, of a value that is no function...) raises a
      // TypeError when it runs: a warning here, the line's `except` there.
      std::optional<CapturedErrors> errors;
      if (lenient)
        errors.emplace(op.getContext());
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        SmallVector<Value> vals;
        for (Value v : ret.getOperands())
          vals.push_back(materialize(get(v), ret.getLoc(), none));
        func::ReturnOp::create(builder, ret.getLoc(), vals);
        fn.setFunctionType(FunctionType::get(
            fn.getContext(), fn.getArgumentTypes(), ValueRange(vals).getTypes()));
        continue;
      }
      FailureOr<AbsVal> res = failure();
      if (auto c = dyn_cast<ConstantOp>(op)) {
        res = AbsVal{builder.clone(*c)->getResult(0), nullptr};
      } else if (auto r = dyn_cast<PrimRefOp>(op)) {
        auto clo = std::make_shared<Clo>();
        clo->kind = Clo::Prim;
        clo->prim = r.getPrim().str();
        res = AbsVal{Value(), clo};
      } else if (auto cv = dyn_cast<CallValueOp>(op)) {
        AbsVal callee = get(cv.getCallee());
        SmallVector<AbsVal> args;
        for (Value a : cv.getArgs())
          args.push_back(get(a));
        if (callee.isFn())
          res = callClo(callee.clo, args, cv.getLoc(), none);
        else // a function known only at run time
          res = callRuntime(callee.v, args, cv.getLoc(), none);
      } else if (auto p = dyn_cast<PrimitiveOpInterface>(op)) {
        SmallVector<AbsVal> args;
        for (Value a : op.getOperands())
          args.push_back(get(a));
        res = callPrim(p.getPrimName(), args, op.getLoc(), none);
      } else if (isa<HigherOrderOpInterface>(op)) {
        // Already specialized: keep as is.
        IRMapping m;
        for (Value a : op.getOperands())
          m.map(a, get(a).v);
        res = AbsVal{builder.clone(op, m)->getResult(0), nullptr};
      } else {
        op.emitOpError("unexpected operation in a solver");
        res = failure();
      }
      if (failed(res) && lenient) {
        // The library runs it as Python would (a closure builder takes any
        // values; calling what is not a function, or with the wrong number
        // of arguments, raises TypeError there).
        std::string captured = errors->first;
        errors.reset();
        emitWarning(op.getLoc())
            << "this line runs in the library's interpreter: " << captured;
        res = runtimeFallback(op, abs);
      }
      if (failed(res)) {
        delete newBody;
        return failure();
      }
      if (op.getNumResults() == 1)
        abs[op.getResult(0)] = *res;
    }
    // Swap the bodies.
    fn.getBody().front().dropAllDefinedValueUses();
    fn.getBody().front().erase();
    fn.getBody().push_back(newBody);
    return success();
  }

private:
  ModuleOp module;
  SymbolTable symbols;
  OpBuilder builder;
  unsigned &numSpecialized;
  std::string baseName;
  unsigned counter = 0;
  Operation *insertAfter = nullptr;
  /// Terms materialized in the function being emitted: one run-time
  /// closure per term, as Python builds one object per builder call. The
  /// entry holds the term, so its address is not reused by another one.
  DenseMap<const Clo *, std::pair<CloPtr, Value>> matCache;
  /// Per-term answers (terms are DAGs: walking them as trees is
  /// exponential); each entry holds its term alive.
  template <typename T>
  using TermMemo = DenseMap<const Clo *, std::pair<CloPtr, T>>;
  TermMemo<bool> powerMemo, failMemo;
  TermMemo<uint64_t> costMemo;

  /// Primitive `name` applied to run-time values.
  Value emitPrimOp(StringRef name, ArrayRef<Value> operands, Location loc) {
    const PrimSignature *sig = lookupPrimitive(name);
    MLIRContext *ctx = builder.getContext();
    return buildPrimitiveCall(builder, loc, *sig, operands,
                              sig->primClass == PrimClass::Closure
                                  ? Type(FnType::get(ctx))
                                  : Type(AnyType::get(ctx)));
  }

  /// The run-time value of `a`: a term becomes the closure Python builds.
  Value materialize(const AbsVal &a, Location loc, IRMapping &map) {
    return a.isFn() ? materializeClo(a.clo, loc, map) : mapV(a, map);
  }
  SmallVector<Value> materializeAll(ArrayRef<AbsVal> as, Location loc,
                                    IRMapping &map) {
    SmallVector<Value> out;
    for (const AbsVal &a : as)
      out.push_back(materialize(a, loc, map));
    return out;
  }

  Value materializeClo(const CloPtr &c, Location loc, IRMapping &map) {
    auto it = matCache.find(c.get());
    if (it != matCache.end())
      return it->second.second;
    MLIRContext *ctx = builder.getContext();
    auto fns = [&] {
      SmallVector<Value> out;
      for (const CloPtr &f : c->fns)
        out.push_back(materializeClo(f, loc, map));
      return out;
    };
    Value r;
    switch (c->kind) {
    case Clo::Prim:
      r = PrimRefOp::create(builder, loc, FnType::get(ctx),
                            builder.getStringAttr(c->prim));
      break;
    case Clo::Partial: {
      bool right = !c->right.empty();
      Value f = materializeClo(c->fns[0], loc, map);
      Value x = materialize(right ? c->right[0] : c->left[0], loc, map);
      r = emitPrimOp(right ? "rbind" : "lbind", {f, x}, loc);
      break;
    }
    case Clo::Compose:
      r = emitPrimOp(c->fns.size() == 2 ? "compose" : "chain", fns(), loc);
      break;
    case Clo::Fork:
      r = emitPrimOp("fork", fns(), loc);
      break;
    case Clo::Matcher:
    case Clo::Power: {
      SmallVector<Value> ops{materializeClo(c->fns[0], loc, map),
                             materialize(c->extra, loc, map)};
      r = emitPrimOp(c->kind == Clo::Matcher ? "matcher" : "power", ops, loc);
      break;
    }
    case Clo::Branch: {
      SmallVector<Value> ops{materialize(c->extra, loc, map)};
      ops.append(fns());
      r = emitPrimOp("branch", ops, loc);
      break;
    }
    }
    matCache[c.get()] = {c, r};
    return r;
  }

  /// `f(args...)` for a function value known only at run time.
  FailureOr<AbsVal> callRuntime(Value f, ArrayRef<AbsVal> args, Location loc,
                                IRMapping &map) {
    SmallVector<Value> ops = materializeAll(args, loc, map);
    auto call = CallValueOp::create(builder, loc,
                                    AnyType::get(builder.getContext()),
                                    map.lookupOrDefault(f), ops);
    return AbsVal{call.getResult(), nullptr};
  }

  /// The answer for term `c` in `memo`, computed once by `compute`.
  template <typename T, typename F>
  static T memoized(TermMemo<T> &memo, const CloPtr &c, F compute) {
    auto it = memo.find(c.get());
    if (it != memo.end())
      return it->second.second;
    T r = compute();
    memo[c.get()] = {c, r};
    return r;
  }

  /// Whether term `c` calls a power (of any count) when called.
  bool holdsPower(const CloPtr &c) {
    return memoized(powerMemo, c, [&] {
      bool r = c->kind == Clo::Power;
      for (const CloPtr &f : c->fns)
        r = r || holdsPower(f);
      return r;
    });
  }

  /// Primitive calls that calling term `c` inline emits (saturating past
  /// kMaxInlineCalls). Terms share sub-terms (`x2 = compose(x1, x1)`), so
  /// this grows exponentially with a program's lines where Python's run
  /// time does; past the bound the term runs in the library's interpreter,
  /// and the compile stays linear in the program.
  uint64_t inlineCalls(const CloPtr &c) {
    return memoized(costMemo, c, [&] {
      // A partial application, composition or fork adds no call of its own.
      bool glue = c->kind == Clo::Partial || c->kind == Clo::Compose ||
                  c->kind == Clo::Fork;
      uint64_t n = glue ? 0 : 1;
      for (const CloPtr &f : c->fns)
        n = std::min<uint64_t>(n + inlineCalls(f), kMaxInlineCalls + 1);
      return n;
    });
  }

  /// Whether building term `c` at run time can raise: `power` with a count
  /// that is not a constant in 1..kPyMaxFrames (Python recurses without end
  /// building power(f, 0), past its recursion limit for a large count, and
  /// fails on a count that is no number).
  bool mayFailToBuild(const CloPtr &c) {
    return memoized(failMemo, c, [&] {
      if (c->kind == Clo::Power) {
        auto k =
            c->extra.v ? c->extra.v.getDefiningOp<ConstantOp>() : nullptr;
        auto n = k ? dyn_cast<IntegerAttr>(k.getValue()) : nullptr;
        if (!n || n.getInt() < 1 || n.getInt() > (int64_t)kPyMaxFrames)
          return true;
      }
      for (const CloPtr &f : c->fns)
        if (mayFailToBuild(f))
          return true;
      for (const auto *side : {&c->left, &c->right})
        for (const AbsVal &a : *side)
          if (a.isFn() && mayFailToBuild(a.clo))
            return true;
      return c->extra.isFn() && mayFailToBuild(c->extra.clo);
    });
  }

  /// `op` with its function operands materialized, as a run-time call.
  FailureOr<AbsVal> runtimeFallback(Operation &op,
                                    DenseMap<Value, AbsVal> &abs) {
    IRMapping none;
    SmallVector<AbsVal> args;
    if (auto cv = dyn_cast<CallValueOp>(op)) {
      for (Value a : cv.getArgs())
        args.push_back(abs.lookup(a));
      Value f = materialize(abs.lookup(cv.getCallee()), op.getLoc(), none);
      return callRuntime(f, args, op.getLoc(), none);
    }
    auto p = dyn_cast<PrimitiveOpInterface>(op);
    if (!p)
      return failure();
    for (Value a : op.getOperands())
      args.push_back(abs.lookup(a));
    SmallVector<Value> ops = materializeAll(args, op.getLoc(), none);
    return AbsVal{emitPrimOp(p.getPrimName(), ops, op.getLoc()), nullptr};
  }

  static Value mapV(const AbsVal &a, IRMapping &map) {
    return map.lookupOrDefault(a.v);
  }
  static AbsVal mapA(const AbsVal &a, IRMapping &map) {
    if (a.isFn())
      return a;
    return AbsVal{mapV(a, map), nullptr};
  }

  static CloPtr make(Clo c) { return std::make_shared<const Clo>(std::move(c)); }

  /// Run-time values captured by a closure term, in first-use order. A
  /// shared sub-term is walked once (its values are in `out` already).
  static void captures(const CloPtr &c, llvm::SetVector<Value> &out) {
    llvm::SmallPtrSet<const Clo *, 16> seen;
    capturesOnce(c, out, seen);
  }
  static void capturesOnce(const CloPtr &c, llvm::SetVector<Value> &out,
                           llvm::SmallPtrSet<const Clo *, 16> &seen) {
    if (!seen.insert(c.get()).second)
      return;
    auto add = [&](const AbsVal &a) {
      if (a.isFn())
        capturesOnce(a.clo, out, seen);
      else if (a.v)
        out.insert(a.v);
    };
    for (const AbsVal &a : c->left)
      add(a);
    for (const AbsVal &a : c->right)
      add(a);
    add(c->extra);
    for (const CloPtr &f : c->fns)
      capturesOnce(f, out, seen);
  }

  FailureOr<AbsVal> callClo(const CloPtr &c, ArrayRef<AbsVal> args,
                            Location loc, IRMapping &map) {
    if (c->kind != Clo::Prim && inlineCalls(c) > kMaxInlineCalls)
      return callRuntime(materializeClo(c, loc, map), args, loc, map);
    switch (c->kind) {
    case Clo::Prim:
      return callPrim(c->prim, args, loc, map);
    case Clo::Partial: {
      SmallVector<AbsVal> all;
      for (const AbsVal &a : c->left)
        all.push_back(mapA(a, map));
      all.append(args.begin(), args.end());
      for (const AbsVal &a : c->right)
        all.push_back(mapA(a, map));
      return callClo(c->fns[0], all, loc, map);
    }
    case Clo::Compose: {
      // fns = [outer, ..., inner]
      SmallVector<AbsVal> cur(args.begin(), args.end());
      for (size_t i = c->fns.size(); i-- > 0;) {
        FailureOr<AbsVal> r = callClo(c->fns[i], cur, loc, map);
        if (failed(r))
          return failure();
        cur.assign(1, *r);
      }
      return cur[0];
    }
    case Clo::Fork: {
      FailureOr<AbsVal> a = callClo(c->fns[1], args, loc, map);
      if (failed(a))
        return failure();
      FailureOr<AbsVal> b = callClo(c->fns[2], args, loc, map);
      if (failed(b))
        return failure();
      return callClo(c->fns[0], {*a, *b}, loc, map);
    }
    case Clo::Matcher: {
      FailureOr<AbsVal> r = callClo(c->fns[0], args, loc, map);
      if (failed(r))
        return failure();
      return callPrim("equality", {*r, mapA(c->extra, map)}, loc, map);
    }
    case Clo::Power:
    case Clo::Branch: {
      // A function argument, or a power of a power: run the closure in the
      // interpreter (which counts the nested frames Python's recursion
      // limit applies to).
      for (const AbsVal &a : args)
        if (a.isFn())
          return callRuntime(materializeClo(c, loc, map), args, loc, map);
      if (c->kind == Clo::Power && holdsPower(c->fns[0]))
        return callRuntime(materializeClo(c, loc, map), args, loc, map);
      // The count / condition is a data operand of the hof, not a capture.
      llvm::SetVector<Value> caps;
      for (const CloPtr &f : c->fns)
        captures(f, caps);
      SmallVector<Attribute> callees;
      for (const CloPtr &f : c->fns) {
        FailureOr<FlatSymbolRefAttr> sym =
            specialize(f, args.size(), caps.getArrayRef(), loc);
        if (failed(sym))
          return failure();
        callees.push_back(*sym);
      }
      SmallVector<Value> data{mapV(c->extra, map)};
      for (const AbsVal &a : args)
        data.push_back(a.v);
      return emitHof(c->kind == Clo::Power ? "power" : "branch_call", callees,
                     caps.getArrayRef(), data, loc, map);
    }
    }
    llvm_unreachable("closure kind");
  }

  AbsVal emitHof(StringRef prim, ArrayRef<Attribute> callees,
                 ArrayRef<Value> caps, ArrayRef<Value> data, Location loc,
                 IRMapping &map) {
    SmallVector<Value> capVals;
    for (Value v : caps)
      capVals.push_back(map.lookupOrDefault(v));
    Operation *op = createHigherOrderOp(
        builder, loc, prim, AnyType::get(builder.getContext()),
        builder.getArrayAttr(callees), capVals, data);
    assert(op && "a higher-order primitive without its op");
    return AbsVal{op->getResult(0), nullptr};
  }

  /// Create `func.func private @<solver>__fN(caps..., params...)` computing
  /// `c(params...)`.
  FailureOr<FlatSymbolRefAttr> specialize(const CloPtr &c, unsigned arity,
                                          ArrayRef<Value> caps, Location loc) {
    MLIRContext *ctx = builder.getContext();
    SmallVector<Type> argTypes;
    for (Value v : caps)
      argTypes.push_back(v.getType());
    for (unsigned i = 0; i < arity; ++i)
      argTypes.push_back(AnyType::get(ctx));
    OpBuilder::InsertionGuard guard(builder);
    DenseMap<const Clo *, std::pair<CloPtr, Value>> outerCache;
    std::swap(outerCache, matCache);
    llvm::scope_exit restore([&] { std::swap(outerCache, matCache); });
    builder.setInsertionPointAfter(insertAfter);
    Operation *before = insertAfter;
    std::string name = baseName + "__f" + std::to_string(counter++);
    while (symbols.lookup(name))
      name = baseName + "__f" + std::to_string(counter++);
    auto fn = func::FuncOp::create(
        builder, loc, name,
        builder.getFunctionType(argTypes, {AnyType::get(ctx)}));
    fn.setPrivate();
    symbols.insert(fn);
    insertAfter = fn;
    ++numSpecialized;
    Block *body = fn.addEntryBlock();
    IRMapping inner;
    for (auto [i, v] : llvm::enumerate(caps))
      inner.map(v, body->getArgument(i));
    SmallVector<AbsVal> params;
    for (unsigned i = 0; i < arity; ++i)
      params.push_back(AbsVal{body->getArgument(caps.size() + i), nullptr});
    builder.setInsertionPointToEnd(body);
    FailureOr<AbsVal> r = callClo(c, params, loc, inner);
    if (failed(r)) {
      // (A batt goes on without this line: leave no half-built function.)
      if (insertAfter == fn.getOperation())
        insertAfter = before;
      symbols.erase(fn);
      return failure();
    }
    // A function that returns a function: the closure, built at run time.
    Value result = materialize(*r, loc, inner);
    func::ReturnOp::create(builder, loc, ValueRange{result});
    fn.setFunctionType(builder.getFunctionType(argTypes, {result.getType()}));
    return FlatSymbolRefAttr::get(ctx, name);
  }

  FailureOr<AbsVal> callPrim(StringRef name, ArrayRef<AbsVal> args,
                             Location loc, IRMapping &map) {
    const PrimSignature *sig = lookupPrimitive(name);
    if (!sig)
      return emitError(loc) << "unknown primitive '" << name << "'", failure();
    size_t arity = sig->paramKinds.size();
    if (args.size() != arity)
      return emitError(loc) << "'" << name << "' takes " << arity
                            << " arguments but " << args.size()
                            << " were given (through a closure)",
             failure();
    auto needFn = [&](unsigned i) -> FailureOr<CloPtr> {
      if (!args[i].isFn())
        return emitError(loc) << "'" << name << "' expects a function for "
                              << "parameter '" << sig->paramNames[i]
                              << "', got a value",
               failure();
      return args[i].clo;
    };

    // A function that is only known at run time (a data value in a
    // function parameter), or a function where data is expected: the
    // library's own entry does the work at run time.
    auto atRunTime = [&] {
      return AbsVal{emitPrimOp(name, materializeAll(args, loc, map), loc),
                    nullptr};
    };
    if (sig->primClass != PrimClass::FirstOrder) {
      if (name == "rapply") // a container of functions
        return atRunTime();
      for (unsigned i = 0; i < arity; ++i) {
        bool fnParam = sig->paramKinds[i] == "Callable";
        if (fnParam != args[i].isFn() &&
            (fnParam || sig->primClass == PrimClass::HigherOrder ||
             name == "power"))
          return atRunTime();
      }
    }

    if (sig->primClass == PrimClass::Closure) {
      Clo c;
      auto fnArg = [&](unsigned i) -> LogicalResult {
        FailureOr<CloPtr> f = needFn(i);
        if (failed(f))
          return failure();
        c.fns.push_back(*f);
        return success();
      };
      if (name == "rbind" || name == "lbind") {
        if (failed(fnArg(0)))
          return failure();
        c.kind = Clo::Partial;
        (name == "rbind" ? c.right : c.left).push_back(args[1]);
      } else if (name == "compose" || name == "chain" || name == "fork") {
        c.kind = name == "fork" ? Clo::Fork : Clo::Compose;
        for (unsigned i = 0; i < arity; ++i)
          if (failed(fnArg(i)))
            return failure();
      } else if (name == "matcher" || name == "power") {
        if (failed(fnArg(0)))
          return failure();
        c.kind = name == "matcher" ? Clo::Matcher : Clo::Power;
        c.extra = args[1];
        if (c.kind == Clo::Power && c.extra.isFn())
          return emitError(loc) << "'power' expects an integer count",
                 failure();
      } else {
        return emitError(loc) << "unhandled closure builder '" << name << "'",
               failure();
      }
      return AbsVal{Value(), make(std::move(c))};
    }

    if (sig->primClass == PrimClass::HigherOrder) {
      SmallVector<Attribute> callees;
      SmallVector<Value> data;
      llvm::SetVector<Value> caps;
      SmallVector<CloPtr> fns;
      for (unsigned i = 0; i < arity; ++i) {
        if (sig->paramKinds[i] == "Callable") {
          FailureOr<CloPtr> f = needFn(i);
          if (failed(f))
            return failure();
          fns.push_back(*f);
          captures(*f, caps);
        } else {
          if (args[i].isFn())
            return emitError(loc)
                       << "'" << name << "' expects data for parameter '"
                       << sig->paramNames[i] << "', got a function",
                   failure();
          data.push_back(args[i].v);
        }
      }
      for (const CloPtr &f : fns) {
        FailureOr<FlatSymbolRefAttr> sym =
            specialize(f, hofArity(name), caps.getArrayRef(), loc);
        if (failed(sym))
          return failure();
        callees.push_back(*sym);
      }
      return emitHof(name, callees, caps.getArrayRef(), data, loc, map);
    }

    // First-order primitive.
    if (name == "branch" && args[1].isFn() && args[2].isFn() &&
        !args[0].isFn()) {
      Clo c;
      c.kind = Clo::Branch;
      c.extra = args[0];
      c.fns = {args[1].clo, args[2].clo};
      return AbsVal{Value(), make(std::move(c))};
    }
    if (name == "identity" && args[0].isFn())
      return args[0];
    // Functions as data (`initset(identity)`, `astuple(f, g)`): closures.
    return atRunTime();
  }
};

struct SpecializeClosuresPass
    : public arcdsl::impl::SpecializeClosuresBase<SpecializeClosuresPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // A tokpidjin module calls every function through `call_value` (each
    // one's safe wrapper is the library's): nothing to specialize yet.
    if (module->hasAttr(kDslAttr))
      return;
    SmallVector<func::FuncOp> roots;
    for (auto fn : module.getOps<func::FuncOp>())
      if (!fn.isPrivate() && !fn.isExternal() &&
          !fn->hasAttr(kSpecializedAttr))
        roots.push_back(fn);
    unsigned n = 0;
    Specializer spec(module, n);
    bool ok = true;
    for (func::FuncOp fn : roots)
      if (failed(spec.run(fn)))
        ok = false;
    // What is left are run-time function values: done (Batchify and a
    // second run of this pass leave these functions alone).
    UnitAttr unit = UnitAttr::get(module.getContext());
    for (auto fn : module.getOps<func::FuncOp>())
      if (!fn.isExternal())
        fn->setAttr(kSpecializedAttr, unit);
    numSpecialized += n;
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
