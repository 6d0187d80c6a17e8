//===- ArcDslToLLVM.cpp - specialized ArcDsl to the LLVM dialect ----------===//
//
// After closure specialization a solver is straight-line code over values
// plus `arcdsl.hof` ops naming specialized functions. This pass emits each
// function directly as an `llvm.func` taking the per-sample context pointer
// first and every value as an i64 tagged word (Value.h):
//   * constants become their encoded words (encoded with Value.h itself),
//   * a first-order primitive becomes `call @arcdsl_prim_<name>(ctx, ...)`,
//   * an `arcdsl.hof` becomes a loop calling the specialized function(s)
//     directly, with the `arcdsl_rt_*` helpers of Hof.h for container access,
//   * function values known only at run time (`arcdsl.prim_ref`, closure
//     builders, `arcdsl.call_value`, higher-order primitives over them) go
//     to the library's interpreter of function values (Fn.cpp).
// Loop-carried state lives in allocas of the entry block (SROA promotes it).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ArcDslToLLVM.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Primitives/Primitives.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace arcdsl {
#define GEN_PASS_DEF_CONVERTARCDSLTOLLVM
#include "ArcDsl/Conversion/Passes.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

/// The primitive library's id of primitive `name` (its FN word), or -1.
int64_t primitiveId(StringRef name) {
  static const llvm::StringMap<int64_t> ids = [] {
    llvm::StringMap<int64_t> m;
    int64_t k = 0;
#define ARCDSL_PRIM(Id, pname, Arity, Kind) m[#pname] = k++;
#include "ArcDsl/Primitives/Primitives.def"
    return m;
  }();
  if (name.starts_with(kTokPrefix)) {
    int k = lookupTokFunction(name.drop_front(kTokPrefix.size()));
    return k < 0 ? -1 : (int64_t)kTokBase + k;
  }
  auto it = ids.find(name);
  return it == ids.end() ? -1 : it->second;
}

/// The ErrCode a Python exception is raised as (TypeError for names the
/// library never raises: the library reports attribute errors as TypeError).
int64_t exceptionCode(StringRef name) {
  return llvm::StringSwitch<int64_t>(name)
      .Case("StopIteration", ERR_STOP_ITERATION)
      .Case("ValueError", ERR_VALUE)
      .Case("IndexError", ERR_INDEX)
      .Case("ZeroDivisionError", ERR_ZERO_DIVISION)
      .Case("RuntimeError", ERR_RUNTIME)
      .Case("RecursionError", ERR_RECURSION)
      .Case("NameError", ERR_NAME)
      .Default(ERR_TYPE);
}

/// The ErrCodes an `except NAME` catches (its subclasses included).
uint64_t exceptionMask(StringRef name) {
  auto bit = [](uint32_t code) { return 1ull << code; };
  uint64_t python = 0;
  for (uint32_t code = ERR_STOP_ITERATION; code <= ERR_NAME; ++code)
    python |= bit(code);
  return llvm::StringSwitch<uint64_t>(name)
      .Cases({"Exception", "BaseException"}, python)
      .Case("StopIteration", bit(ERR_STOP_ITERATION))
      .Case("ValueError", bit(ERR_VALUE))
      .Cases({"IndexError", "LookupError"}, bit(ERR_INDEX))
      .Cases({"ZeroDivisionError", "ArithmeticError"}, bit(ERR_ZERO_DIVISION))
      .Cases({"TypeError", "AttributeError"}, bit(ERR_TYPE))
      .Case("RuntimeError", bit(ERR_RUNTIME) | bit(ERR_RECURSION))
      .Case("RecursionError", bit(ERR_RECURSION))
      .Case("NameError", bit(ERR_NAME))
      .Default(0); // KeyError...: the library raises none of them
}

class FunctionEmitter;

class ModuleEmitter {
public:
  ModuleEmitter(MLIRContext *ctx, Block *target, Location loc)
      : target(target), loc(loc), ctx(ctx), b(ctx) {
    i64 = IntegerType::get(ctx, 64);
    ptr = LLVM::LLVMPointerType::get(ctx);
    voidTy = LLVM::LLVMVoidType::get(ctx);
  }

  LogicalResult run(ArrayRef<func::FuncOp> fns);

  /// The external function `name`, declared on first use.
  LLVM::LLVMFuncOp runtimeFn(StringRef name, Type result,
                             ArrayRef<Type> args) {
    auto it = decls.find(name);
    if (it != decls.end())
      return it->second;
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(target);
    auto fn = LLVM::LLVMFuncOp::create(
        b, loc, name, LLVM::LLVMFunctionType::get(result, args));
    decls[name] = fn;
    return fn;
  }

  Block *target;
  Location loc;
  MLIRContext *ctx;
  OpBuilder b;
  Type i64, ptr, voidTy;
  llvm::StringMap<LLVM::LLVMFuncOp> decls;
  llvm::StringMap<unsigned> arity; ///< specialized/solver functions
};

class FunctionEmitter {
public:
  FunctionEmitter(ModuleEmitter &m, func::FuncOp fn, LLVM::LLVMFuncOp out)
      : m(m), b(m.ctx), fn(fn), out(out), loc(fn.getLoc()) {}

  LogicalResult emit() {
    Block *entry = out.addEntryBlock(b);
    entryBlock = entry;
    ctxV = entry->getArgument(0);
    Block &body = fn.getBody().front();
    for (auto [i, a] : llvm::enumerate(body.getArguments()))
      values[a] = entry->getArgument(i + 1);
    b.setInsertionPointToEnd(entry);
    // A tokpidjin program: its cells are (i, j, c), its calls safe.
    if (auto mod = fn->getParentOfType<ModuleOp>())
      if (auto dsl = mod->getAttrOfType<StringAttr>(kDslAttr))
        if (dsl.getValue() == "tokpidjin")
          rt("set_dialect", m.voidTy, {cst(DIALECT_TOKPIDJIN)});
    // Stock CPython's set order.
    if (auto mod = fn->getParentOfType<ModuleOp>())
      if (auto order = mod->getAttrOfType<StringAttr>(kOrderAttr))
        if (order.getValue() == "python")
          rt("set_order", m.voidTy, {cst(ORDER_PYTHON)});
    for (Operation &op : body) {
      loc = op.getLoc();
      if (failed(emitOp(op)))
        return failure();
    }
    return success();
  }

private:
  ModuleEmitter &m;
  OpBuilder b;
  func::FuncOp fn;
  LLVM::LLVMFuncOp out;
  Location loc;
  Block *entryBlock = nullptr;
  Value ctxV;
  DenseMap<Value, Value> values;
  /// A batt's first line that ended in an uncaught error (-1: none yet);
  /// created by its first `arcdsl.batt_line`.
  Value lineSlot;

  Value cst(int64_t v) {
    return LLVM::ConstantOp::create(b, loc, m.i64, b.getI64IntegerAttr(v));
  }
  Value call(StringRef name, Type result, ArrayRef<Value> args) {
    SmallVector<Type> types;
    for (Value v : args)
      types.push_back(v.getType());
    LLVM::LLVMFuncOp f = m.runtimeFn(name, result, types);
    auto c = LLVM::CallOp::create(b, loc, f, args);
    return result == m.voidTy ? Value() : c.getResult();
  }
  /// arcdsl_rt_<name>(ctx, args...)
  Value rt(StringRef name, Type result, ArrayRef<Value> args) {
    SmallVector<Value> all{ctxV};
    all.append(args.begin(), args.end());
    return call(("arcdsl_rt_" + name).str(), result, all);
  }
  Value prim(StringRef name, ArrayRef<Value> args) {
    SmallVector<Value> all{ctxV};
    all.append(args.begin(), args.end());
    return call(("arcdsl_prim_" + name).str(), m.i64, all);
  }
  Value callee(Attribute sym, ArrayRef<Value> caps, ArrayRef<Value> args) {
    SmallVector<Value> all{ctxV};
    all.append(caps.begin(), caps.end());
    all.append(args.begin(), args.end());
    SmallVector<Type> types(all.size(), m.i64);
    types[0] = m.ptr;
    auto ty = LLVM::LLVMFunctionType::get(m.i64, types);
    auto c = LLVM::CallOp::create(
        b, loc, ty, cast<FlatSymbolRefAttr>(sym), all);
    return c.getResult();
  }

  Value slot(Value init) {
    Value s;
    {
      OpBuilder::InsertionGuard g(b);
      b.setInsertionPointToStart(entryBlock);
      Value one = LLVM::ConstantOp::create(b, loc, m.i64, b.getI64IntegerAttr(1));
      s = LLVM::AllocaOp::create(b, loc, m.ptr, m.i64, one);
    }
    LLVM::StoreOp::create(b, loc, init, s);
    return s;
  }
  Value load(Value s) { return LLVM::LoadOp::create(b, loc, m.i64, s); }
  void store(Value v, Value s) { LLVM::StoreOp::create(b, loc, v, s); }
  Value icmp(LLVM::ICmpPredicate p, Value x, Value y) {
    return LLVM::ICmpOp::create(b, loc, p, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return LLVM::SelectOp::create(b, loc, c, x, y);
  }
  Value add(Value x, Value y) { return LLVM::AddOp::create(b, loc, x, y); }
  Value zext(Value i1) { return LLVM::ZExtOp::create(b, loc, m.i64, i1); }
  /// ArcCtx::err (offset 24, i32), zero-extended.
  Value loadErr() {
    Value p = LLVM::GEPOp::create(b, loc, m.ptr, b.getI8Type(), ctxV,
                                  ArrayRef<LLVM::GEPArg>{24});
    return zext(LLVM::LoadOp::create(b, loc, b.getI32Type(), p));
  }

  /// for (i = 0; i < n && !stop && !failed(ctx); ++i) body(i)
  void loop(Value n, function_ref<void(Value)> bodyFn, Value stopSlot = {}) {
    Region *region = b.getInsertionBlock()->getParent();
    Block *header = new Block();
    header->addArgument(m.i64, loc);
    Block *bodyB = new Block();
    Block *exit = new Block();
    region->push_back(header);
    region->push_back(bodyB);
    region->push_back(exit);
    LLVM::BrOp::create(b, loc, ValueRange{cst(0)}, header);

    b.setInsertionPointToEnd(header);
    Value i = header->getArgument(0);
    Value go = icmp(LLVM::ICmpPredicate::slt, i, n);
    Value ok = icmp(LLVM::ICmpPredicate::eq, rt("failed", m.i64, {}), cst(0));
    go = LLVM::AndOp::create(b, loc, go, ok);
    if (stopSlot)
      go = LLVM::AndOp::create(
          b, loc, go, icmp(LLVM::ICmpPredicate::eq, load(stopSlot), cst(0)));
    LLVM::CondBrOp::create(b, loc, go, bodyB, exit);

    b.setInsertionPointToEnd(bodyB);
    bodyFn(i);
    Value next = add(i, cst(1));
    LLVM::BrOp::create(b, loc, ValueRange{next}, header);
    b.setInsertionPointToEnd(exit);
  }

  static int64_t encodeInt(int64_t x) {
    return (int64_t)(((av)TAG_INT << 60) | ((uint64_t)x & ((1ull << 60) - 1)));
  }

  LogicalResult emitOp(Operation &op) {
    auto get = [&](Value v) { return values.lookup(v); };
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      // A batched solver returns (result, status); the status stays in the
      // context, where the host reads it.
      bool batched = fn->hasAttr("arcdsl.batched");
      if (ret.getNumOperands() != (batched ? 2u : 1u))
        return op.emitError("a function must return one value");
      Value result = get(ret.getOperand(0));
      if (lineSlot) {
        // A batt that failed returns the index of the line whose error
        // ended it (an Integer word) instead of its (failed) result.
        Value line = load(lineSlot);
        Value known = LLVM::AndOp::create(
            b, loc, icmp(LLVM::ICmpPredicate::ne, loadErr(), cst(0)),
            icmp(LLVM::ICmpPredicate::sge, line, cst(0)));
        Value word = LLVM::OrOp::create(b, loc, line,
                                        cst(encodeInt(0)));
        result = select(known, word, result);
      }
      LLVM::ReturnOp::create(b, loc, ValueRange{result});
      return success();
    }
    if (auto bl = dyn_cast<BattLineOp>(op)) {
      // slot = (slot < 0 && ctx->err) ? index : slot
      if (!lineSlot)
        lineSlot = slot(cst(-1));
      Value line = load(lineSlot);
      Value first = LLVM::AndOp::create(
          b, loc, icmp(LLVM::ICmpPredicate::ne, loadErr(), cst(0)),
          icmp(LLVM::ICmpPredicate::slt, line, cst(0)));
      store(select(first, cst((int64_t)bl.getIndex()), line), lineSlot);
      return success();
    }
    if (auto c = dyn_cast<ConstantOp>(op)) {
      Attribute a = c.getValue();
      int64_t word;
      if (auto bo = dyn_cast<BoolAttr>(a))
        word = (int64_t)mkBoolRaw(bo.getValue());
      else if (auto in = dyn_cast<IntegerAttr>(a)) {
        int64_t x = in.getInt();
        if (x > kIntMax || x < -kIntMax) {
          // Outside the 60-bit Integer word: a capacity error of the sample
          // when this line runs, never a different number.
          rt("fail", m.voidTy, {cst(ERR_CAPACITY)});
          values[c.getResult()] = cst((int64_t)kErr);
          return success();
        }
        word = encodeInt(x);
      } else if (auto p = dyn_cast<DenseI64ArrayAttr>(a)) {
        if (!pairFits(p[0], p[1])) {
          // Too wide to pack inline: build it at run time (a boxed tuple).
          if (p[0] > kIntMax || p[0] < -kIntMax || p[1] > kIntMax ||
              p[1] < -kIntMax) {
            rt("fail", m.voidTy, {cst(ERR_CAPACITY)});
            values[c.getResult()] = cst((int64_t)kErr);
            return success();
          }
          values[c.getResult()] =
              prim("astuple", {cst(encodeInt(p[0])), cst(encodeInt(p[1]))});
          return success();
        }
        word = (int64_t)mkPairRaw(p[0], p[1]);
      }
      else if (isa<UnitAttr>(a))
        word = (int64_t)kNone;
      else
        return op.emitError("unsupported constant");
      values[c.getResult()] = cst(word);
      return success();
    }
    if (auto st = dyn_cast<StatusOp>(op)) {
      values[st.getResult()] = loadErr();
      return success();
    }
    if (auto f = dyn_cast<FailOp>(op)) {
      rt("fail", m.voidTy, {cst(exceptionCode(f.getException()))});
      values[f.getResult()] = cst((int64_t)kErr);
      return success();
    }
    if (auto rec = dyn_cast<RecoverOp>(op)) {
      uint64_t mask = 0;
      for (Attribute a : rec.getCaught())
        mask |= exceptionMask(cast<StringAttr>(a).getValue());
      values[rec.getResult()] =
          rt("recover", m.i64,
             {get(rec.getValue()), get(rec.getCallee()), get(rec.getBefore()),
              cst((int64_t)mask)});
      return success();
    }
    if (auto it = dyn_cast<ItemOp>(op)) {
      values[it.getResult()] = rt("item", m.i64,
                                  {get(it.getTuple()),
                                   cst((int64_t)it.getIndex())});
      return success();
    }
    if (auto mt = dyn_cast<MakeTupleOp>(op)) {
      int64_t n = mt.getElements().size();
      Value buf = rt("buf", m.ptr, {cst(n)});
      for (auto [k, e] : llvm::enumerate(mt.getElements()))
        rt("buf_set", m.voidTy, {buf, cst((int64_t)k), get(e)});
      values[mt.getResult()] = rt("tuple", m.i64, {buf, cst(n)});
      return success();
    }
    if (auto hof = dyn_cast<HofOp>(op)) {
      SmallVector<Value> caps, data;
      for (Value v : hof.getCaptures())
        caps.push_back(get(v));
      for (Value v : hof.getArgs())
        data.push_back(get(v));
      FailureOr<Value> r = emitHof(hof, caps, data);
      if (failed(r))
        return failure();
      values[hof.getResult()] = *r;
      return success();
    }
    if (auto r = dyn_cast<PrimRefOp>(op)) {
      int64_t id = primitiveId(r.getPrim());
      if (id < 0)
        return op.emitError() << "no library entry for '" << r.getPrim()
                              << "'";
      values[r.getResult()] = cst((int64_t)mkFn((uint32_t)id));
      return success();
    }
    if (auto cv = dyn_cast<CallValueOp>(op)) {
      // A function known only at run time: the library's interpreter.
      size_t n = cv.getArgs().size();
      if (n < 1 || n > 4) { // no DSL function takes another count
        rt("fail", m.voidTy, {cst(ERR_TYPE)});
        values[cv.getResult()] = cst((int64_t)kErr);
        return success();
      }
      SmallVector<Value> args{get(cv.getCallee())};
      for (Value v : cv.getArgs())
        args.push_back(get(v));
      values[cv.getResult()] = rt("call" + std::to_string(n), m.i64, args);
      return success();
    }
    if (auto p = dyn_cast<PrimitiveOpInterface>(op)) {
      // Every primitive has a library entry; higher-order ones and closure
      // builders are still here only where their functions are run-time
      // values (the library interprets them).
      SmallVector<Value> args;
      for (Value v : op.getOperands())
        args.push_back(get(v));
      values[op.getResult(0)] = prim(p.getPrimName(), args);
      return success();
    }
    return op.emitError("cannot lower this operation to LLVM (run "
                        "--arcdsl-specialize-closures first)");
  }

  FailureOr<Value> emitHof(HofOp hof, ArrayRef<Value> caps,
                           ArrayRef<Value> data) {
    StringRef p = hof.getPrim();
    ArrayAttr fns = hof.getCallees();
    auto f = [&](ArrayRef<Value> args) { return callee(fns[0], caps, args); };
    // Inside loops the arena is reclaimed per call: what the call allocated
    // is freed except what its kept result needs (arcdsl_rt_keep), or all
    // of it when only the result's truth value is used.
    auto fKeep = [&](ArrayRef<Value> args) {
      Value mark = rt("mark", m.i64, {});
      return rt("keep", m.i64, {mark, f(args)});
    };
    auto fTruth = [&](ArrayRef<Value> args) {
      Value mark = rt("mark", m.i64, {});
      Value t = rt("truthy", m.i64, {f(args)});
      rt("release", m.voidTy, {mark});
      return t;
    };
    using P = LLVM::ICmpPredicate;

    if (p == "call")
      return f(data);

    if (p == "branch_call") {
      Value cond = icmp(P::ne, rt("truthy", m.i64, {data[0]}), cst(0));
      Value res = slot(cst((int64_t)kErr));
      Region *region = b.getInsertionBlock()->getParent();
      Block *tb = new Block(), *eb = new Block(), *join = new Block();
      region->push_back(tb);
      region->push_back(eb);
      region->push_back(join);
      LLVM::CondBrOp::create(b, loc, cond, tb, eb);
      for (auto [blk, sym] : {std::pair{tb, fns[0]}, std::pair{eb, fns[1]}}) {
        b.setInsertionPointToEnd(blk);
        store(callee(sym, caps, data.drop_front()), res);
        LLVM::BrOp::create(b, loc, ValueRange{}, join);
      }
      b.setInsertionPointToEnd(join);
      return load(res);
    }

    if (p == "power") {
      Value k = rt("power_count", m.i64, {data[0]});
      Value cur = slot(data[1]);
      loop(k, [&](Value) { store(fKeep({load(cur)}), cur); });
      return load(cur);
    }

    Value c = data[0];
    if (p == "apply" || p == "mapply") {
      Value n = rt("len", m.i64, {c});
      Value buf = rt("buf", m.ptr, {n});
      loop(n, [&](Value i) {
        Value r = fKeep({rt("at", m.i64, {c, i})});
        rt("buf_set", m.voidTy, {buf, i, r});
      });
      Value res = rt("like", m.i64, {c, buf, n});
      return p == "mapply" ? prim("merge", {res}) : res;
    }
    if (p == "sfilter" || p == "mfilter") {
      Value n = rt("len", m.i64, {c});
      Value buf = rt("buf", m.ptr, {n});
      Value cnt = slot(cst(0));
      loop(n, [&](Value i) {
        Value e = rt("at", m.i64, {c, i});
        Value t = fTruth({e});
        Value k = load(cnt);
        rt("buf_set", m.voidTy, {buf, k, e});
        store(add(k, t), cnt);
      });
      Value res = rt("like", m.i64, {c, buf, load(cnt)});
      return p == "mfilter" ? prim("merge", {res}) : res;
    }
    if (p == "extract") {
      Value n = rt("len", m.i64, {c});
      Value found = slot(cst(0));
      Value res = slot(cst((int64_t)kErr));
      loop(
          n,
          [&](Value i) {
            Value e = rt("at", m.i64, {c, i});
            Value t = fTruth({e});
            Value hit = icmp(P::ne, t, cst(0));
            store(select(hit, e, load(res)), res);
            store(t, found);
          },
          found);
      Value miss = icmp(P::eq, load(found), cst(0));
      Value code = select(miss, cst(ERR_STOP_ITERATION), cst(0));
      // Raise StopIteration when nothing matched (code 0 is a no-op).
      emitFailIf(code);
      return load(res);
    }
    if (p == "argmax" || p == "argmin" || p == "valmax" || p == "valmin") {
      bool isMax = p == "argmax" || p == "valmax";
      bool isVal = p.starts_with("val");
      Value n = rt("len", m.i64, {c});
      Value best = slot(cst(encodeInt(0)));
      Value bestKey = slot(cst(0));
      loop(n, [&](Value i) {
        Value e = rt("at", m.i64, {c, i});
        Value k = fKeep({e});
        // The first element is taken without comparing (Python's max never
        // compares a lone element); later ones replace it only when
        // strictly better, so ties keep the first.
        Value take = slot(cst(1));
        ifThen(icmp(P::ne, i, cst(0)), [&] {
          Value cmp = rt("cmp", m.i64, {k, load(bestKey)});
          store(zext(icmp(isMax ? P::sgt : P::slt, cmp, cst(0))), take);
        });
        Value t = icmp(P::ne, load(take), cst(0));
        store(select(t, e, load(best)), best);
        store(select(t, k, load(bestKey)), bestKey);
      });
      if (!isVal) {
        // max() of an empty sequence raises ValueError.
        Value empty = icmp(P::eq, n, cst(0));
        emitFailIf(select(empty, cst(ERR_VALUE), cst(0)));
        return load(best);
      }
      // compfunc(max(container, key=compfunc, default=0))
      return f({load(best)});
    }
    if (p == "order") {
      Value n = rt("len", m.i64, {c});
      Value xs = rt("buf", m.ptr, {n});
      Value keys = rt("buf", m.ptr, {n});
      loop(n, [&](Value i) {
        Value e = rt("at", m.i64, {c, i});
        rt("buf_set", m.voidTy, {xs, i, e});
        rt("buf_set", m.voidTy, {keys, i, fKeep({e})});
      });
      return rt("sorted", m.i64, {xs, keys, n});
    }
    if (p == "papply" || p == "mpapply") {
      Value a = data[0], bb = data[1];
      Value na = rt("len", m.i64, {a}), nb = rt("len", m.i64, {bb});
      Value n = select(icmp(P::slt, na, nb), na, nb);
      Value buf = rt("buf", m.ptr, {n});
      loop(n, [&](Value i) {
        Value r = fKeep({rt("at", m.i64, {a, i}), rt("at", m.i64, {bb, i})});
        rt("buf_set", m.voidTy, {buf, i, r});
      });
      Value res = rt("tuple", m.i64, {buf, n});
      return p == "mpapply" ? prim("merge", {res}) : res;
    }
    if (p == "prapply") {
      Value a = data[0], bb = data[1];
      Value na = rt("len", m.i64, {a}), nb = rt("len", m.i64, {bb});
      Value n = LLVM::MulOp::create(b, loc, na, nb);
      Value buf = rt("buf", m.ptr, {n});
      loop(nb, [&](Value j) {
        Value y = rt("at", m.i64, {bb, j});
        loop(na, [&](Value i) {
          Value r = fKeep({rt("at", m.i64, {a, i}), y});
          Value idx = add(LLVM::MulOp::create(b, loc, j, na), i);
          rt("buf_set", m.voidTy, {buf, idx, r});
        });
      });
      return rt("set", m.i64, {buf, n});
    }
    return hof.emitError() << "higher-order primitive '" << p
                           << "' is not supported by the LLVM lowering yet";
  }

  /// if (cond) body()
  void ifThen(Value cond, function_ref<void()> body) {
    Region *region = b.getInsertionBlock()->getParent();
    Block *thenB = new Block(), *cont = new Block();
    region->push_back(thenB);
    region->push_back(cont);
    LLVM::CondBrOp::create(b, loc, cond, thenB, cont);
    b.setInsertionPointToEnd(thenB);
    body();
    LLVM::BrOp::create(b, loc, ValueRange{}, cont);
    b.setInsertionPointToEnd(cont);
  }

  /// arcdsl_rt_fail(ctx, code) when code != 0.
  void emitFailIf(Value code) {
    Region *region = b.getInsertionBlock()->getParent();
    Block *failB = new Block(), *cont = new Block();
    region->push_back(failB);
    region->push_back(cont);
    LLVM::CondBrOp::create(b, loc, icmp(LLVM::ICmpPredicate::ne, code, cst(0)),
                           failB, cont);
    b.setInsertionPointToEnd(failB);
    rt("fail", m.voidTy, {code});
    LLVM::BrOp::create(b, loc, ValueRange{}, cont);
    b.setInsertionPointToEnd(cont);
  }
};

LogicalResult ModuleEmitter::run(ArrayRef<func::FuncOp> fns) {
  SmallVector<std::pair<func::FuncOp, LLVM::LLVMFuncOp>> made;
  for (func::FuncOp fn : fns) {
    if (fn.isExternal())
      return fn.emitError("external functions are not supported");
    SmallVector<Type> args{ptr};
    args.append(fn.getNumArguments(), i64);
    b.setInsertionPoint(target, target->end());
    if (!target->empty() && target->back().hasTrait<OpTrait::IsTerminator>())
      b.setInsertionPoint(&target->back());
    auto out = LLVM::LLVMFuncOp::create(
        b, fn.getLoc(), (fn.getSymName() + ".lowered").str(),
        LLVM::LLVMFunctionType::get(i64, args));
    if (fn.isPrivate())
      out.setLinkage(LLVM::Linkage::Internal);
    made.push_back({fn, out});
  }
  for (auto [fn, out] : made) {
    FunctionEmitter fe(*this, fn, out);
    if (failed(fe.emit()))
      return failure();
  }
  for (auto [fn, out] : made) {
    std::string name = fn.getSymName().str();
    fn.erase();
    out.setSymName(name);
  }
  return success();
}

} // namespace

LogicalResult arcdsl::lowerFunctionsToLLVM(ArrayRef<func::FuncOp> fns,
                                           Block *target, Location loc) {
  if (fns.empty())
    return success();
  ModuleEmitter m(loc.getContext(), target, loc);
  return m.run(fns);
}

namespace {
struct ConvertArcDslToLLVMPass
    : public arcdsl::impl::ConvertArcDslToLLVMBase<ConvertArcDslToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> fns(module.getOps<func::FuncOp>());
    for (func::FuncOp fn : fns)
      if (fn->hasAttr("arcdsl.batched"))
        return (void)(fn.emitError("batched solvers are lowered by "
                                   "--convert-arcdsl-to-gpu, not to the CPU"),
                      signalPassFailure());
    if (failed(lowerFunctionsToLLVM(fns, module.getBody(), module.getLoc())))
      signalPassFailure();
  }
};

} // namespace
