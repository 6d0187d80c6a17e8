//===- SpecializeClosures.cpp - function values to direct code ------------===//
//
// Re-emits every function with an abstract interpreter in which a function
// value is a closure term (a primitive, a partial application from
// rbind/lbind, a composition, a fork, a matcher, a power, a branch between
// two functions). Calling a term emits its code inline; a higher-order
// primitive gets the term specialized into a private function that takes
// the term's captured values first, and becomes an `arcdsl.hof` op. After
// the pass no `!arcdsl.fn` value is left.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SetVector.h"

#define DEBUG_TYPE "arcdsl-specialize-closures"

namespace arcdsl {
#define GEN_PASS_DEF_SPECIALIZECLOSURES
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

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
    IRMapping none;
    for (Operation &op : oldBody) {
      auto get = [&](Value v) { return abs.lookup(v); };
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        SmallVector<Value> vals;
        for (Value v : ret.getOperands()) {
          AbsVal a = get(v);
          if (a.isFn()) {
            emitError(ret.getLoc())
                << "'" << baseName
                << "' returns a function; a solver must return data";
            delete newBody;
            return failure();
          }
          vals.push_back(a.v);
        }
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
        if (!callee.isFn()) {
          emitError(cv.getLoc()) << "called value is not a function";
          res = failure();
        } else {
          SmallVector<AbsVal> args;
          for (Value a : cv.getArgs())
            args.push_back(get(a));
          res = callClo(callee.clo, args, cv.getLoc(), none);
        }
      } else if (auto p = dyn_cast<PrimitiveOpInterface>(op)) {
        SmallVector<AbsVal> args;
        for (Value a : op.getOperands())
          args.push_back(get(a));
        res = callPrim(p.getPrimName(), args, op.getLoc(), none);
      } else if (isa<HofOp>(op)) {
        // Already specialized: keep as is.
        IRMapping m;
        for (Value a : op.getOperands())
          m.map(a, get(a).v);
        res = AbsVal{builder.clone(op, m)->getResult(0), nullptr};
      } else {
        op.emitOpError("unexpected operation in a solver");
        res = failure();
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

  static Value mapV(const AbsVal &a, IRMapping &map) {
    return map.lookupOrDefault(a.v);
  }
  static AbsVal mapA(const AbsVal &a, IRMapping &map) {
    if (a.isFn())
      return a;
    return AbsVal{mapV(a, map), nullptr};
  }

  static CloPtr make(Clo c) { return std::make_shared<const Clo>(std::move(c)); }

  /// Run-time values captured by a closure term, in first-use order.
  static void captures(const CloPtr &c, llvm::SetVector<Value> &out) {
    auto add = [&](const AbsVal &a) {
      if (a.isFn())
        captures(a.clo, out);
      else if (a.v)
        out.insert(a.v);
    };
    for (const AbsVal &a : c->left)
      add(a);
    for (const AbsVal &a : c->right)
      add(a);
    add(c->extra);
    for (const CloPtr &f : c->fns)
      captures(f, out);
  }

  FailureOr<AbsVal> callClo(const CloPtr &c, ArrayRef<AbsVal> args,
                            Location loc, IRMapping &map) {
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
      for (const AbsVal &a : args)
        if (a.isFn())
          return emitError(loc) << "passing a function to a "
                                << (c->kind == Clo::Power ? "power" : "branch")
                                << " closure is not supported yet",
                 failure();
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
    auto op = HofOp::create(builder, loc, AnyType::get(builder.getContext()),
                            builder.getStringAttr(prim),
                            builder.getArrayAttr(callees), capVals, data);
    return AbsVal{op.getResult(), nullptr};
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
    builder.setInsertionPointAfter(insertAfter);
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
    if (failed(r))
      return failure();
    if (r->isFn())
      return emitError(loc) << "a higher-order primitive over a function that "
                               "returns a function is not supported yet",
             failure();
    func::ReturnOp::create(builder, loc, ValueRange{r->v});
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
      if (name == "rapply")
        return emitError(loc) << "'rapply' (a container of functions) is not "
                                 "supported yet",
               failure();
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
    if (name == "branch" && (args[1].isFn() || args[2].isFn())) {
      if (!args[1].isFn() || !args[2].isFn())
        return emitError(loc) << "'branch' between a function and a value is "
                                 "not supported yet",
               failure();
      if (args[0].isFn())
        return emitError(loc) << "'branch' condition is a function", failure();
      Clo c;
      c.kind = Clo::Branch;
      c.extra = args[0];
      c.fns = {args[1].clo, args[2].clo};
      return AbsVal{Value(), make(std::move(c))};
    }
    if (name == "identity" && args[0].isFn())
      return args[0];
    SmallVector<Value> operands;
    for (auto [i, a] : llvm::enumerate(args)) {
      if (a.isFn())
        return emitError(loc) << "function values as data ('" << name
                              << "' of a function) are not supported yet",
               failure();
      operands.push_back(a.v);
    }
    OperationState state(loc, sig->opName);
    state.addOperands(operands);
    state.addTypes(AnyType::get(builder.getContext()));
    Operation *op = builder.create(state);
    return AbsVal{op->getResult(0), nullptr};
  }
};

struct SpecializeClosuresPass
    : public arcdsl::impl::SpecializeClosuresBase<SpecializeClosuresPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> roots;
    for (auto fn : module.getOps<func::FuncOp>())
      if (!fn.isPrivate() && !fn.isExternal())
        roots.push_back(fn);
    unsigned n = 0;
    Specializer spec(module, n);
    bool ok = true;
    for (func::FuncOp fn : roots)
      if (failed(spec.run(fn)))
        ok = false;
    numSpecialized += n;
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
