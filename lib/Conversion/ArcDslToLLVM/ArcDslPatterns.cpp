//===- ArcDslPatterns.cpp - ArcDsl to LLVM conversion patterns ------------===//
//
// Step 1 of the lowering (ArcDslToLLVM.cpp): one pattern per ArcDsl op, all
// of them calls of the primitive library (ABI.h names the entry points and
// encodes the words), `func.call` and `scf.if`.
//===----------------------------------------------------------------------===//

#include "ArcDslPatterns.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.h"
#include "ArcDsl/Primitives/ABI.h"
#include "ArcDsl/Primitives/Primitives.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace arcdsl;

//===----------------------------------------------------------------------===//
// Types, declarations, functions
//===----------------------------------------------------------------------===//

ArcDslWordConverter::ArcDslWordConverter(MLIRContext *ctx) {
  addConversion([](Type t) { return t; });
  addConversion([ctx](Type t) -> std::optional<Type> {
    if (isArcDslType(t))
      return IntegerType::get(ctx, 64);
    return std::nullopt;
  });
}

LibraryDecls::LibraryDecls(Operation *symbolTable) : symbolTable(symbolTable) {}

static Type ptrType(MLIRContext *ctx) { return LLVM::LLVMPointerType::get(ctx); }

LLVM::LLVMFuncOp LibraryDecls::get(OpBuilder &b, StringRef name, Type result,
                                   ArrayRef<Type> args) {
  auto it = decls.find(name);
  if (it != decls.end())
    return it->second;
  MLIRContext *ctx = b.getContext();
  SmallVector<Type> params{ptrType(ctx)};
  params.append(args.begin(), args.end());
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPointToStart(&symbolTable->getRegion(0).front());
  auto fn = LLVM::LLVMFuncOp::create(
      b, symbolTable->getLoc(), name,
      LLVM::LLVMFunctionType::get(result ? result : LLVM::LLVMVoidType::get(ctx),
                                  params));
  decls[name] = fn;
  return fn;
}

Value LibraryDecls::call(OpBuilder &b, Location loc, StringRef name,
                         Type result, Value ctx, ValueRange args) {
  SmallVector<Type> types(args.getTypes());
  LLVM::LLVMFuncOp fn = get(b, name, result, types);
  SmallVector<Value> all{ctx};
  all.append(args.begin(), args.end());
  auto c = LLVM::CallOp::create(b, loc, fn, all);
  return result ? c.getResult() : Value();
}

Value LibraryDecls::runtime(OpBuilder &b, Location loc, const Twine &name,
                            Type result, Value ctx, ValueRange args) {
  return call(b, loc, (abi::kRtPrefix + name).str(), result, ctx, args);
}

FlatSymbolRefAttr LibraryDecls::thunk(OpBuilder &b, StringRef fn,
                                      unsigned captures, unsigned params) {
  MLIRContext *ctx = b.getContext();
  // Named by the split too: one function may be the callee of ops that
  // capture different numbers of its leading parameters (identical
  // specialized functions are merged: `lbind(shift, x)` under apply and
  // `shift` under prapply are one function, called with one captured value
  // and with none).
  std::string name = (fn + ".thunk" + Twine(captures)).str();
  if (!thunks.count(name)) {
    Location loc = symbolTable->getLoc();
    Type ptr = ptrType(ctx), i64 = b.getI64Type();
    OpBuilder::InsertionGuard g(b);
    Block &body = symbolTable->getRegion(0).front();
    b.setInsertionPoint(&body, body.end());
    if (!body.empty() && body.back().hasTrait<OpTrait::IsTerminator>())
      b.setInsertionPoint(&body.back());
    auto f = func::FuncOp::create(
        b, loc, name, b.getFunctionType({ptr, ptr, ptr}, {i64}));
    f.setPrivate();
    f->setAttr("llvm.linkage",
               LLVM::LinkageAttr::get(ctx, LLVM::Linkage::Internal));
    Block *entry = f.addEntryBlock();
    b.setInsertionPointToStart(entry);
    SmallVector<Value> args{entry->getArgument(0)};
    auto load = [&](Value base, unsigned k) {
      Value p = LLVM::GEPOp::create(b, loc, ptr, i64, base,
                                    ArrayRef<LLVM::GEPArg>{(int32_t)k});
      args.push_back(LLVM::LoadOp::create(b, loc, i64, p));
    };
    for (unsigned k = 0; k < captures; ++k)
      load(entry->getArgument(1), k);
    for (unsigned k = 0; k < params; ++k)
      load(entry->getArgument(2), k);
    auto c = func::CallOp::create(b, loc, fn, TypeRange{i64}, args);
    func::ReturnOp::create(b, loc, c.getResults());
    thunks[name] = f;
  }
  return FlatSymbolRefAttr::get(ctx, name);
}

Value arcdsl::contextOf(Operation *op) {
  return op->getParentOfType<func::FuncOp>().getArgument(0);
}

static Value constant(OpBuilder &b, Location loc, int64_t v) {
  return LLVM::ConstantOp::create(b, loc, b.getI64Type(),
                                  b.getI64IntegerAttr(v));
}

LogicalResult arcdsl::prepareFunction(func::FuncOp fn, LibraryDecls &library) {
  MLIRContext *ctx = fn.getContext();
  Location loc = fn.getLoc();
  if (failed(fn.insertArgument(0, ptrType(ctx), DictionaryAttr(), loc)))
    return failure();
  if (fn.isPrivate())
    fn->setAttr("llvm.linkage",
                LLVM::LinkageAttr::get(ctx, LLVM::Linkage::Internal));
  for (NamedAttribute a : llvm::to_vector(fn->getDiscardableAttrs()))
    if (a.getName().getValue().starts_with("arcdsl."))
      fn->removeAttr(a.getName());
  OpBuilder b(ctx);
  b.setInsertionPointToStart(&fn.getBody().front());
  Value c = fn.getArgument(0);
  if (auto mod = fn->getParentOfType<ModuleOp>()) {
    // A tokpidjin program: its cells are (i, j, c), its calls safe.
    if (auto dsl = mod->getAttrOfType<StringAttr>(kDslAttr))
      if (dsl.getValue() == "tokpidjin")
        library.runtime(b, loc, "set_dialect", Type(), c,
                     constant(b, loc, DIALECT_TOKPIDJIN));
    // Stock CPython's set order.
    if (auto order = mod->getAttrOfType<StringAttr>(kOrderAttr))
      if (order.getValue() == "python")
        library.runtime(b, loc, "set_order", Type(), c,
                     constant(b, loc, ORDER_PYTHON));
  }
  if (!fn.getOps<BattLineOp>().empty()) {
    Value slot = LLVM::AllocaOp::create(b, loc, ptrType(ctx), b.getI64Type(),
                                        constant(b, loc, 1));
    LLVM::StoreOp::create(b, loc, constant(b, loc, -1), slot);
    library.lineSlots[fn] = slot;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Op patterns
//===----------------------------------------------------------------------===//

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

/// The library's declarations and the helpers over them, for a pattern of
/// an op (LibPattern) or of an op interface (LibInterfacePattern).
struct LibAccess {
  LibraryDecls &library;

  Type i64(OpBuilder &b) const { return b.getI64Type(); }
  Value rt(OpBuilder &b, Location loc, Operation *op, StringRef name,
           Type result, ValueRange args) const {
    return library.runtime(b, loc, name, result, contextOf(op), args);
  }
  /// raise `code` in the sample; the value is the ERR word.
  Value raise(OpBuilder &b, Location loc, Operation *op, int64_t code) const {
    rt(b, loc, op, "fail", Type(), constant(b, loc, code));
    return constant(b, loc, (int64_t)abi::kErr);
  }
};

template <class Op> struct LibPattern : OpConversionPattern<Op>, LibAccess {
  LibPattern(TypeConverter &tc, MLIRContext *ctx, LibraryDecls &library)
      : OpConversionPattern<Op>(tc, ctx), LibAccess{library} {}
};

template <class Interface>
struct LibInterfacePattern : OpInterfaceConversionPattern<Interface>,
                             LibAccess {
  LibInterfacePattern(TypeConverter &tc, MLIRContext *ctx,
                      LibraryDecls &library)
      : OpInterfaceConversionPattern<Interface>(tc, ctx), LibAccess{library} {}
};

/// Integers, Booleans, IntegerTuples and None as their words; a value no
/// word holds is a capacity error when the line runs, never another value;
/// a pair too wide to pack inline is built at run time (a boxed tuple).
struct ConstantLowering : LibPattern<ConstantOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &r) const override {
    Location loc = op.getLoc();
    Attribute a = op.getValue();
    Value v;
    if (auto bo = dyn_cast<BoolAttr>(a))
      v = constant(r, loc, (int64_t)abi::encodeBool(bo.getValue()));
    else if (auto in = dyn_cast<IntegerAttr>(a))
      v = abi::intFits(in.getInt())
              ? constant(r, loc, (int64_t)abi::encodeInt(in.getInt()))
              : raise(r, loc, op, ERR_CAPACITY);
    else if (auto p = dyn_cast<DenseI64ArrayAttr>(a)) {
      if (abi::pairFits(p[0], p[1]))
        v = constant(r, loc, (int64_t)abi::encodePair(p[0], p[1]));
      else if (!abi::intFits(p[0]) || !abi::intFits(p[1]))
        v = raise(r, loc, op, ERR_CAPACITY);
      else
        v = library.call(r, loc, (abi::kPrimPrefix + Twine("astuple")).str(),
                         i64(r), contextOf(op),
                         {constant(r, loc, (int64_t)abi::encodeInt(p[0])),
                          constant(r, loc, (int64_t)abi::encodeInt(p[1]))});
    } else if (isa<UnitAttr>(a))
      v = constant(r, loc, (int64_t)abi::kNone);
    else
      return op.emitError("unsupported constant");
    r.replaceOp(op, v);
    return success();
  }
};

/// A first-order primitive is a call of its library entry. Higher-order
/// primitives and closure builders are still here only where their
/// functions are run-time values: the library interprets them.
struct PrimitiveLowering : LibInterfacePattern<PrimitiveOpInterface> {
  using LibInterfacePattern::LibInterfacePattern;
  LogicalResult
  matchAndRewrite(PrimitiveOpInterface op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &r) const override {
    std::string name = (abi::kPrimPrefix + op.getPrimName()).str();
    r.replaceOp(op, library.call(r, op->getLoc(), name, r.getI64Type(),
                                 contextOf(op), operands));
    return success();
  }
};

/// A primitive as a function value: its FN word.
struct PrimRefLowering : LibPattern<PrimRefOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(PrimRefOp op, OpAdaptor,
                  ConversionPatternRewriter &r) const override {
    int64_t id = primitiveId(op.getPrim());
    if (id < 0)
      return op.emitError() << "no library entry for '" << op.getPrim()
                            << "'";
    r.replaceOp(op, constant(r, op.getLoc(),
                             (int64_t)abi::encodeFn((uint32_t)id)));
    return success();
  }
};

/// A function known only at run time: the library's interpreter.
struct CallValueLowering : LibPattern<CallValueOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(CallValueOp op, OpAdaptor a,
                  ConversionPatternRewriter &r) const override {
    size_t n = a.getArgs().size();
    if (n < 1 || n > 4) { // no DSL function takes another count
      r.replaceOp(op, raise(r, op.getLoc(), op, ERR_TYPE));
      return success();
    }
    SmallVector<Value> args{a.getCallee()};
    args.append(a.getArgs().begin(), a.getArgs().end());
    r.replaceOp(op, rt(r, op.getLoc(), op, "call" + std::to_string(n),
                       i64(r), args));
    return success();
  }
};

/// A call of a tokpidjin function (`arcdsl.tok.<name>`): what `call_value`
/// of its `prim_ref` runs, the library's call of its FN word
/// (arcdsl_rt_call<n> -> callFn: the frame's nesting check, then the
/// function's safe wrapper arcdsl_rt_tok_call), so results, caught errors,
/// work charges and uncaught capacity and work-bound errors are the same.
struct TokCallLowering : LibInterfacePattern<TokOpInterface> {
  using LibInterfacePattern::LibInterfacePattern;
  LogicalResult
  matchAndRewrite(TokOpInterface op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &r) const override {
    Location loc = op->getLoc();
    int id = lookupTokFunction(op.getTokName());
    if (id < 0)
      return op->emitError() << "no library entry for tokpidjin's '"
                             << op.getTokName() << "'";
    size_t n = operands.size();
    if (n < 1 || n > 4) // the verifier allows none of these
      return op->emitError("a tokpidjin call takes 1 to 4 arguments");
    SmallVector<Value> args{
        constant(r, loc, (int64_t)abi::encodeFn(kTokBase + (uint32_t)id))};
    args.append(operands.begin(), operands.end());
    r.replaceOp(op, rt(r, loc, op, "call" + std::to_string(n), i64(r), args));
    return success();
  }
};

/// The sample's status: ArcCtx::err (ABI.h), zero-extended.
struct StatusLowering : LibPattern<StatusOp> {
  using LibPattern::LibPattern;
  static Value load(OpBuilder &b, Location loc, Value ctx) {
    Value p = LLVM::GEPOp::create(
        b, loc, ptrType(b.getContext()), b.getI8Type(), ctx,
        ArrayRef<LLVM::GEPArg>{(int32_t)abi::kCtxErrOffset});
    Value err = LLVM::LoadOp::create(
        b, loc, b.getIntegerType(abi::kCtxErrBits), p);
    return LLVM::ZExtOp::create(b, loc, b.getI64Type(), err);
  }
  LogicalResult
  matchAndRewrite(StatusOp op, OpAdaptor,
                  ConversionPatternRewriter &r) const override {
    r.replaceOp(op, load(r, op.getLoc(), contextOf(op)));
    return success();
  }
};

struct FailLowering : LibPattern<FailOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(FailOp op, OpAdaptor,
                  ConversionPatternRewriter &r) const override {
    r.replaceOp(op, raise(r, op.getLoc(), op, exceptionCode(op.getException())));
    return success();
  }
};

struct RecoverLowering : LibPattern<RecoverOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(RecoverOp op, OpAdaptor a,
                  ConversionPatternRewriter &r) const override {
    uint64_t mask = 0;
    for (Attribute e : op.getCaught())
      mask |= exceptionMask(cast<StringAttr>(e).getValue());
    Location loc = op.getLoc();
    r.replaceOp(op, rt(r, loc, op, "recover", i64(r),
                       {a.getValue(), a.getCallee(), a.getBefore(),
                        constant(r, loc, (int64_t)mask)}));
    return success();
  }
};

struct ItemLowering : LibPattern<ItemOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(ItemOp op, OpAdaptor a,
                  ConversionPatternRewriter &r) const override {
    Location loc = op.getLoc();
    r.replaceOp(op, rt(r, loc, op, "item", i64(r),
                       {a.getTuple(), constant(r, loc, (int64_t)op.getIndex())}));
    return success();
  }
};

struct MakeTupleLowering : LibPattern<MakeTupleOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(MakeTupleOp op, OpAdaptor a,
                  ConversionPatternRewriter &r) const override {
    Location loc = op.getLoc();
    Value n = constant(r, loc, (int64_t)a.getElements().size());
    Value buf = rt(r, loc, op, "buf", ptrType(r.getContext()), n);
    for (auto [k, e] : llvm::enumerate(a.getElements()))
      rt(r, loc, op, "buf_set", Type(), {buf, constant(r, loc, (int64_t)k), e});
    r.replaceOp(op, rt(r, loc, op, "tuple", i64(r), {buf, n}));
    return success();
  }
};

/// The memo ops of a shared batt (ShareBattModes): library calls over the
/// memo tuple's word `index` (Batt.cpp).
template <class Op>
struct BattMemoLowering : LibPattern<Op> {
  using LibPattern<Op>::LibPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor a,
                  ConversionPatternRewriter &r) const override {
    Location loc = op.getLoc();
    auto call = [&](StringRef name, Type result, ValueRange args) {
      return this->rt(r, loc, op, name, result, args);
    };
    if constexpr (std::is_same_v<Op, BattMemoOp>) {
      r.replaceOp(op, call("memo_of", this->i64(r), a.getArgs()));
    } else if constexpr (std::is_same_v<Op, BattMemoReplayingOp>) {
      Value flag = call("memo_replaying", this->i64(r), a.getMemo());
      r.replaceOp(op, LLVM::ICmpOp::create(r, loc, LLVM::ICmpPredicate::ne,
                                           flag, constant(r, loc, 0)));
    } else {
      Value index = constant(r, loc, (int64_t)op.getIndex());
      if constexpr (std::is_same_v<Op, BattMemoLoadOp>) {
        r.replaceOp(op, call("memo_load", this->i64(r), {a.getMemo(), index}));
        return success();
      } else if constexpr (std::is_same_v<Op, BattMemoStoreOp>) {
        call("memo_store", Type(), {a.getMemo(), index, a.getValue()});
      } else if constexpr (std::is_same_v<Op, BattMemoMarkOp>) {
        call("memo_mark", Type(), {a.getMemo(), index});
      } else {
        call("memo_charge", Type(), {a.getMemo(), index});
      }
      r.eraseOp(op);
    }
    return success();
  }
};

/// slot = (slot < 0 && err) ? index : slot
struct BattLineLowering : LibPattern<BattLineOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(BattLineOp op, OpAdaptor,
                  ConversionPatternRewriter &r) const override {
    Location loc = op.getLoc();
    Value slot = library.lineSlots.lookup(op->getParentOfType<func::FuncOp>());
    Value line = LLVM::LoadOp::create(r, loc, i64(r), slot);
    Value failed = LLVM::ICmpOp::create(
        r, loc, LLVM::ICmpPredicate::ne,
        StatusLowering::load(r, loc, contextOf(op)), constant(r, loc, 0));
    Value first = LLVM::AndOp::create(
        r, loc, failed,
        LLVM::ICmpOp::create(r, loc, LLVM::ICmpPredicate::slt, line,
                             constant(r, loc, 0)));
    LLVM::StoreOp::create(
        r, loc,
        LLVM::SelectOp::create(r, loc, first,
                               constant(r, loc, (int64_t)op.getIndex()), line),
        slot);
    r.eraseOp(op);
    return success();
  }
};

/// A batt that failed returns the index of the line whose error ended it
/// (an Integer word) instead of its (failed) result.
struct ReturnLowering : LibPattern<func::ReturnOp> {
  using LibPattern::LibPattern;
  LogicalResult
  matchAndRewrite(func::ReturnOp op, OpAdaptor a,
                  ConversionPatternRewriter &r) const override {
    Location loc = op.getLoc();
    SmallVector<Value> results(a.getOperands());
    Value slot = library.lineSlots.lookup(op->getParentOfType<func::FuncOp>());
    if (slot) {
      Value line = LLVM::LoadOp::create(r, loc, i64(r), slot);
      Value known = LLVM::AndOp::create(
          r, loc,
          LLVM::ICmpOp::create(r, loc, LLVM::ICmpPredicate::ne,
                               StatusLowering::load(r, loc, contextOf(op)),
                               constant(r, loc, 0)),
          LLVM::ICmpOp::create(r, loc, LLVM::ICmpPredicate::sge, line,
                               constant(r, loc, 0)));
      Value word = LLVM::OrOp::create(
          r, loc, line, constant(r, loc, (int64_t)abi::encodeInt(0)));
      results[0] = LLVM::SelectOp::create(r, loc, known, word, results[0]);
    }
    r.replaceOpWithNewOp<func::ReturnOp>(op, results);
    return success();
  }
};

/// A higher-order op over specialized functions: a direct call
/// (`hof.call`), a branch (`hof.branch_call`), or the library's loop of the
/// primitive (arcdsl_hof_<prim>) over the callee's thunk and its captures.
struct HofLowering : LibInterfacePattern<HigherOrderOpInterface> {
  using LibInterfacePattern::LibInterfacePattern;

  Value call(OpBuilder &b, Location loc, Operation *op, Attribute callee,
             ValueRange caps, ValueRange args) const {
    SmallVector<Value> all{contextOf(op)};
    all.append(caps.begin(), caps.end());
    all.append(args.begin(), args.end());
    return func::CallOp::create(b, loc, cast<FlatSymbolRefAttr>(callee),
                                TypeRange{b.getI64Type()}, all)
        .getResult(0);
  }

  /// The captured values in a buffer of the function's entry block (null
  /// when there are none).
  Value env(OpBuilder &b, Location loc, Operation *op, ValueRange caps) const {
    Type ptr = ptrType(b.getContext()), i64 = b.getI64Type();
    if (caps.empty())
      return LLVM::ZeroOp::create(b, loc, ptr);
    Value buf;
    {
      OpBuilder::InsertionGuard g(b);
      b.setInsertionPointToStart(
          &op->getParentOfType<func::FuncOp>().getBody().front());
      buf = LLVM::AllocaOp::create(b, loc, ptr, i64,
                                   constant(b, loc, (int64_t)caps.size()));
    }
    for (auto [k, v] : llvm::enumerate(caps)) {
      Value p = LLVM::GEPOp::create(b, loc, ptr, i64, buf,
                                    ArrayRef<LLVM::GEPArg>{(int32_t)k});
      LLVM::StoreOp::create(b, loc, v, p);
    }
    return buf;
  }

  LogicalResult
  matchAndRewrite(HigherOrderOpInterface op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &r) const override {
    Location loc = op.getLoc();
    StringRef prim = op.getPrimName();
    ArrayAttr fns = op.getCallees();
    size_t numCaps = op.getCaptures().size();
    ValueRange caps = ValueRange(operands).take_front(numCaps);
    ValueRange data = ValueRange(operands).drop_front(numCaps);
    Type i64 = r.getI64Type();
    if (isa<HofCallOp>(op)) {
      r.replaceOp(op, call(r, loc, op, fns[0], caps, data));
      return success();
    }
    if (isa<HofBranchCallOp>(op)) {
      Value truth = rt(r, loc, op, "truthy", i64, data[0]);
      Value cond = LLVM::ICmpOp::create(r, loc, LLVM::ICmpPredicate::ne, truth,
                                        constant(r, loc, 0));
      auto branch = scf::IfOp::create(r, loc, TypeRange{i64}, cond,
                                      /*withElseRegion=*/true);
      for (auto [region, callee] :
           {std::pair{&branch.getThenRegion(), fns[0]},
            std::pair{&branch.getElseRegion(), fns[1]}}) {
        OpBuilder::InsertionGuard g(r);
        r.setInsertionPointToEnd(&region->front());
        scf::YieldOp::create(
            r, loc, call(r, loc, op, callee, caps, data.drop_front()));
      }
      r.replaceOp(op, branch.getResults());
      return success();
    }
    auto callee = cast<FlatSymbolRefAttr>(fns[0]).getValue();
    FlatSymbolRefAttr thunk =
        library.thunk(r, callee, numCaps, op.getNumParams());
    SmallVector<Value> args(data.begin(), data.end());
    args.push_back(LLVM::AddressOfOp::create(r, loc, ptrType(r.getContext()),
                                             thunk.getValue()));
    args.push_back(env(r, loc, op, caps));
    r.replaceOp(op, library.call(r, loc, (abi::kHofPrefix + prim).str(), i64,
                                 contextOf(op), args));
    return success();
  }
};

} // namespace

void arcdsl::populateArcDslToLLVMConversionPatterns(
    ArcDslWordConverter &converter, RewritePatternSet &patterns,
    LibraryDecls &library) {
  MLIRContext *ctx = patterns.getContext();
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 converter);
  patterns.add<ConstantLowering, PrimitiveLowering, TokCallLowering,
               PrimRefLowering,
               CallValueLowering, StatusLowering, FailLowering,
               RecoverLowering, ItemLowering, MakeTupleLowering,
               BattLineLowering, BattMemoLowering<BattMemoOp>,
               BattMemoLowering<BattMemoReplayingOp>,
               BattMemoLowering<BattMemoMarkOp>,
               BattMemoLowering<BattMemoStoreOp>,
               BattMemoLowering<BattMemoChargeOp>,
               BattMemoLowering<BattMemoLoadOp>, ReturnLowering, HofLowering>(converter, ctx,
                                                              library);
}
