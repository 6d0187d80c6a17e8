//===- MLIRGen.cpp - lower the Python AST to ArcDsl -----------------------===//
//
// Walks the AST of a solver file and emits one `func.func` per `def`:
// parameters become arguments (`I` of a solver is a Grid), each
// `x = prim(args)` an ArcDsl primitive op, a primitive used as a value an
// `arcdsl.prim_ref`, a call of a variable an `arcdsl.call_value`, and the DSL
// constants `arcdsl.constant`. Result types are the primitives' declared
// kinds where those are concrete, `!arcdsl.any` otherwise; the passes refine
// them.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ImportPython.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"
#include "ArcDsl/Dialect/ArcDsl/TypeRules.h"

#include "Parser.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/ScopedHashTable.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace arcdsl;
namespace py = arcdsl::py;

static const DslConstant kConstants[] = {
    {"T", true, false, 1, 0},         {"F", true, false, 0, 0},
    {"ZERO", false, false, 0, 0},     {"ONE", false, false, 1, 0},
    {"TWO", false, false, 2, 0},      {"THREE", false, false, 3, 0},
    {"FOUR", false, false, 4, 0},     {"FIVE", false, false, 5, 0},
    {"SIX", false, false, 6, 0},      {"SEVEN", false, false, 7, 0},
    {"EIGHT", false, false, 8, 0},    {"NINE", false, false, 9, 0},
    {"TEN", false, false, 10, 0},     {"NEG_ONE", false, false, -1, 0},
    {"NEG_TWO", false, false, -2, 0}, {"DOWN", false, true, 1, 0},
    {"RIGHT", false, true, 0, 1},     {"UP", false, true, -1, 0},
    {"LEFT", false, true, 0, -1},     {"ORIGIN", false, true, 0, 0},
    {"UNITY", false, true, 1, 1},     {"NEG_UNITY", false, true, -1, -1},
    {"UP_RIGHT", false, true, -1, 1}, {"DOWN_LEFT", false, true, 1, -1},
    {"ZERO_BY_TWO", false, true, 0, 2}, {"TWO_BY_ZERO", false, true, 2, 0},
    {"TWO_BY_TWO", false, true, 2, 2}, {"THREE_BY_THREE", false, true, 3, 3},
};

ArrayRef<DslConstant> arcdsl::dslConstants() { return kConstants; }

/// What tokpidjin's constants.py adds (its other names, dicts of names for
/// its program generator, are not values a batt line uses).
static const DslConstant kTokConstants[] = {
    {"F0", false, false, 0, 0},   {"F1", false, false, 1, 0},
    {"F2", false, false, 2, 0},   {"F3", false, false, 3, 0},
    {"F4", false, false, 4, 0},   {"F5", false, false, 5, 0},
    {"F6", false, false, 6, 0},   {"F7", false, false, 7, 0},
    {"F8", false, false, 8, 0},   {"F9", false, false, 9, 0},
    {"L1", false, false, -1, 0},  {"L2", false, false, -2, 0},
    {"L3", false, false, -3, 0},  {"L4", false, false, -4, 0},
    {"L5", false, false, -5, 0},  {"L6", false, false, -6, 0},
    {"L7", false, false, -7, 0},  {"L8", false, false, -8, 0},
    {"L9", false, false, -9, 0},  {"L10", false, false, -10, 0},
    {"R0", false, false, 0, 0},   {"R1", false, false, 1, 0},
    {"R2", false, false, 2, 0},   {"R3", false, false, 3, 0},
    {"R4", false, false, 4, 0},   {"R5", false, false, 5, 0},
    {"R6", false, false, 6, 0},   {"R7", false, false, 7, 0},
    {"R8", false, false, 8, 0},   {"R9", false, false, 9, 0},
    {"A0", false, false, 0, 0},   {"A1", false, false, 1, 0},
    {"A2", false, false, 2, 0},   {"A3", false, false, 3, 0},
    {"A4", false, false, 4, 0},   {"A5", false, false, 5, 0},
    {"A6", false, false, 6, 0},   {"A7", false, false, 7, 0},
    {"A8", false, false, 8, 0},   {"A9", false, false, 9, 0},
    {"NEG_THREE", false, false, -3, 0}, {"NEG_FOUR", false, false, -4, 0},
    {"NEG_FIVE", false, false, -5, 0},  {"NEG_SIX", false, false, -6, 0},
    {"NEG_SEVEN", false, false, -7, 0}, {"NEG_EIGHT", false, false, -8, 0},
    {"NEG_NINE", false, false, -9, 0},  {"NEG_TEN", false, false, -10, 0},
    {"HUNDRED", false, false, 100, 0},  {"THOUSAND", false, false, 1000, 0},
    {"BLACK", false, false, 0, 0},  {"BLUE", false, false, 1, 0},
    {"RED", false, false, 2, 0},    {"GREEN", false, false, 3, 0},
    {"YELLOW", false, false, 4, 0}, {"GRAY", false, false, 5, 0},
    {"MAGENTA", false, false, 6, 0}, {"ORANGE", false, false, 7, 0},
    {"CYAN", false, false, 8, 0},   {"BURGUNDY", false, false, 9, 0},
    {"SM2", false, false, 2, 0},    {"SM3", false, false, 3, 0},
    {"SD2", false, false, -2, 0},   {"SD3", false, false, -3, 0},
};

static bool isTokFunction(StringRef name) {
  return lookupTokFunction(name) >= 0;
}

/// The op of tokpidjin function N is "arcdsl.tok.N" (TokpidjinOps.td); the
/// arguments it takes, by function index (Tokpidjin.def).
static constexpr llvm::StringLiteral kTokOpPrefix = "arcdsl.tok.";
static const unsigned tokArity[] = {
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty) Arity,
#include "ArcDsl/Primitives/Tokpidjin.def"
};
static const unsigned tokMinArity[] = {
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty) MinArity,
#include "ArcDsl/Primitives/Tokpidjin.def"
};

namespace {

/// "FILE:line:col: message" of a diagnostic (the message alone when it has
/// no file location).
static std::string located(Diagnostic &d) {
  if (auto fl = dyn_cast<FileLineColLoc>(d.getLocation()))
    return (fl.getFilename().getValue() + ":" + Twine(fl.getLine()) + ":" +
            Twine(fl.getColumn()) + ": " + d.str())
        .str();
  return d.str();
}

/// Thrown-free error signal: the first error aborts the current function.
struct GenError {};

class MLIRGen {
public:
  MLIRGen(MLIRContext *ctx, const ImportOptions &options)
      : ctx(ctx), builder(ctx), options(options) {
    for (const DslConstant &c : kConstants)
      constants[c.name] = &c;
  }

  ImportResult run(const py::Module &mod) {
    ImportResult result;
    auto module = ModuleOp::create(loc(py::Loc{mod.file, 1, 1}));
    bool ok = true;
    std::string dsl = options.dsl;
    for (const py::StmtPtr &stmt : mod.body)
      if (auto *imp = dyn_cast<py::ImportStmt>(stmt.get()))
        if (options.dsl.empty() && imp->module == "safe_dsl") {
          dsl = "tokpidjin";
          dslLoc = imp->loc;
        }
    if (dsl.empty())
      dsl = "hodel";
    if (dsl != "hodel" && dsl != "tokpidjin") {
      emitError(loc(py::Loc{mod.file, 1, 1}))
          << "unknown DSL '" << dsl << "' (hodel or tokpidjin)";
      module->erase();
      return result;
    }
    if (dsl == "tokpidjin") {
      // Every name is a function of tokpidjin's table, called through its
      // safe wrapper (the library's interpreter of function values).
      tokMode = true;
      module->setAttr(kDslAttr, builder.getStringAttr(dsl));
      for (const DslConstant &c : kTokConstants)
        constants[c.name] = &c;
    }
    for (const py::StmtPtr &stmt : mod.body) {
      if (auto *imp = dyn_cast<py::ImportStmt>(stmt.get())) {
        if (!checkImport(*imp))
          ok = false;
        continue;
      }
      auto *def = dyn_cast<py::FunctionDefStmt>(stmt.get());
      if (!def) {
        // Module-level docstrings are fine; anything else is not a solver.
        if (auto *es = dyn_cast<py::ExprStmt>(stmt.get()))
          if (isa<py::StrExpr>(es->value.get()))
            continue;
        emitError(loc(stmt->loc))
            << "only imports and function definitions are supported at "
               "module level";
        ok = false;
        continue;
      }
      std::string message;
      if (def->name == "batt") {
        module->setAttr(kLenientAttr, UnitAttr::get(ctx));
        battMode = true;
      }
      func::FuncOp fn = battMode ? genBatt(*def, message)
                                 : genFunction(*def, message);
      battMode = false;
      if (!fn) {
        ok = false;
        result.failedFunctions.push_back({def->name, message});
        continue;
      }
      module.push_back(fn);
    }
    if (!ok && !options.keepGoing) {
      module->erase();
      return result;
    }
    result.module = module;
    return result;
  }

private:
  MLIRContext *ctx;
  OpBuilder builder;
  const ImportOptions &options;
  llvm::StringMap<const DslConstant *> constants;
  llvm::StringMap<Value> vars;
  func::FuncOp currentFn;
  py::Loc dslLoc;
  bool tokMode = false;

  // Batt import state.
  bool battMode = false;
  /// `from constants import *`, or the names imported from it.
  bool constantsStar = false;
  llvm::StringSet<> importedConstants;
  /// Names bound to `[]` (the record lists), in order.
  SmallVector<std::string> lists;
  /// Names that may not be used as values (task_id, log_path).
  llvm::StringMap<py::Loc> opaque;
  /// The values the appends record, in order (the batt's result tuple).
  SmallVector<Value> slots;
  SmallVector<Attribute> records;
  /// The batt's lines, in order: [name, "FILE:line"] (the `lines` table).
  SmallVector<Attribute> battLines;

  /// The end of the batt line that assigns `name` at `l`: an
  /// `arcdsl.batt_line` naming its entry of the `lines` table.
  void endBattLine(StringRef name, const py::Loc &l) {
    std::string at = llvm::sys::path::filename(l.file ? *l.file : "").str() +
                     ":" + std::to_string(l.line);
    BattLineOp::create(builder, loc(l),
                       builder.getI64IntegerAttr(battLines.size()));
    battLines.push_back(builder.getArrayAttr(
        {builder.getStringAttr(name), builder.getStringAttr(at)}));
  }

  Location loc(const py::Loc &l) {
    return FileLineColLoc::get(StringAttr::get(ctx, l.file ? *l.file : ""),
                               l.line, l.col);
  }

  /// Emit an error at `l` and remember its text for keep-going reports.
  InFlightDiagnostic error(const py::Loc &l) {
    return emitError(loc(l));
  }

  bool checkImport(const py::ImportStmt &imp) {
    // `from dsl import *`, `import dsl`... are accepted: the DSL is built
    // in. What `from constants import ...` brings is remembered: a batt
    // line naming a constant it does not bring raises NameError, as the
    // Python batt does (dsl.py itself imports no constants).
    if (imp.isFrom && imp.module == "constants") {
      if (imp.isStar)
        constantsStar = true;
      for (const auto &a : imp.names)
        importedConstants.insert(a.asName.empty() ? a.name : a.asName);
    }
    return true;
  }

  func::FuncOp genFunction(const py::FunctionDefStmt &def,
                           std::string &message) {
    vars.clear();
    Location fnLoc = loc(def.nameLoc);
    SmallVector<Type> argTypes;
    bool isSolver = StringRef(def.name).starts_with("solve");
    for (const auto &p : def.params) {
      (void)p;
      argTypes.push_back(isSolver && def.params.size() == 1
                             ? Type(GridType::get(ctx))
                             : Type(AnyType::get(ctx)));
    }
    auto fnType = builder.getFunctionType(argTypes, {AnyType::get(ctx)});
    auto fn = func::FuncOp::create(fnLoc, def.name, fnType);
    Block *entry = fn.addEntryBlock();
    currentFn = fn;
    for (auto [i, p] : llvm::enumerate(def.params)) {
      entry->getArgument(i).setLoc(loc(p.loc));
      vars[p.name] = entry->getArgument(i);
    }
    builder.setInsertionPointToEnd(entry);

    // Collect the diagnostic text for keep-going reports.
    std::string captured;
    ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &d) {
      if (captured.empty())
        captured = located(d);
      return failure(); // let it propagate to the outer handler too
    });

    bool returned = false;
    bool ok = true;
    for (const py::StmtPtr &stmt : def.body) {
      if (returned) {
        error(stmt->loc) << "statement after return";
        ok = false;
        break;
      }
      LogicalResult r = genStmt(*stmt, returned);
      if (failed(r)) {
        ok = false;
        break;
      }
    }
    if (ok && !returned) {
      error(def.nameLoc) << "function '" << py::clipSourceText(def.name)
                         << "' does not end with a return statement";
      ok = false;
    }
    if (!ok) {
      message = captured.empty() ? "import error" : captured;
      fn->erase();
      return nullptr;
    }
    // The declared result type is refined by type inference.
    return fn;
  }

  LogicalResult genStmt(const py::Stmt &stmt, bool &returned) {
    if (auto *as = dyn_cast<py::AssignStmt>(&stmt)) {
      if (as->isTuple || as->targets.size() != 1)
        return error(as->loc) << "tuple assignment is not supported", failure();
      FailureOr<Value> v = genExpr(*as->value);
      if (failed(v))
        return failure();
      vars[as->targets[0].name] = *v;
      return success();
    }
    if (auto *ret = dyn_cast<py::ReturnStmt>(&stmt)) {
      if (!ret->value)
        return error(ret->loc) << "a solver must return a value", failure();
      FailureOr<Value> v = genExpr(*ret->value);
      if (failed(v))
        return failure();
      func::ReturnOp::create(builder, loc(ret->loc), ValueRange{*v});
      currentFn.setFunctionType(builder.getFunctionType(
          currentFn.getArgumentTypes(), {v->getType()}));
      returned = true;
      return success();
    }
    if (isa<py::PassStmt>(&stmt))
      return success();
    if (auto *es = dyn_cast<py::ExprStmt>(&stmt))
      if (isa<py::StrExpr>(es->value.get()))
        return success(); // docstring
    return error(stmt.loc) << "unsupported statement in a solver (only "
                              "`x = prim(args)` lines and `return` are "
                              "supported)",
           failure();
  }

  Value constantInt(const py::Loc &l, int64_t v) {
    return ConstantOp::create(builder, loc(l), IntType::get(ctx),
                              builder.getI64IntegerAttr(v));
  }

  FailureOr<int64_t> constantIntOf(const py::Expr &e) {
    if (auto *i = dyn_cast<py::IntExpr>(&e))
      return i->value;
    if (auto *u = dyn_cast<py::UnaryOpExpr>(&e))
      if (u->op == "-")
        if (auto *i = dyn_cast<py::IntExpr>(u->operand.get()))
          return -i->value;
    if (auto *n = dyn_cast<py::NameExpr>(&e)) {
      auto it = constants.find(n->id);
      if (it != constants.end() && !it->second->isPair && !vars.count(n->id))
        return it->second->a;
    }
    return failure();
  }

  FailureOr<Value> genExpr(const py::Expr &e) {
    switch (e.getKind()) {
    case py::Expr::Expr_Name:
      return genName(cast<py::NameExpr>(e));
    case py::Expr::Expr_Int:
      return constantInt(e.loc, cast<py::IntExpr>(e).value);
    case py::Expr::Expr_Bool:
      return Value(ConstantOp::create(
          builder, loc(e.loc), BoolType::get(ctx),
          builder.getBoolAttr(cast<py::BoolExpr>(e).value)));
    case py::Expr::Expr_None:
      return Value(ConstantOp::create(builder, loc(e.loc), arcdsl::NoneType::get(ctx),
                                      builder.getUnitAttr()));
    case py::Expr::Expr_UnaryOp: {
      FailureOr<int64_t> v = constantIntOf(e);
      if (succeeded(v))
        return constantInt(e.loc, *v);
      break;
    }
    case py::Expr::Expr_Tuple: {
      auto &t = cast<py::TupleExpr>(e);
      if (t.elts.size() == 2) {
        FailureOr<int64_t> a = constantIntOf(*t.elts[0]);
        FailureOr<int64_t> b = constantIntOf(*t.elts[1]);
        if (succeeded(a) && succeeded(b))
          return Value(ConstantOp::create(
              builder, loc(e.loc), PairType::get(ctx),
              builder.getDenseI64ArrayAttr({*a, *b})));
      }
      SmallVector<Value> elts;
      for (const py::ExprPtr &x : t.elts) {
        FailureOr<Value> v = genExpr(*x);
        if (failed(v))
          return failure();
        elts.push_back(*v);
      }
      if (elts.size() == 2)
        return genPrim("astuple", e.loc, elts);
      return error(e.loc) << "only pairs (a, b) are supported as tuple "
                             "literals",
             failure();
    }
    case py::Expr::Expr_Call:
      return genCall(cast<py::CallExpr>(e));
    default:
      break;
    }
    return error(e.loc) << "unsupported expression (solvers use names, "
                           "integers and calls only)",
           failure();
  }

  FailureOr<Value> genName(const py::NameExpr &n) {
    auto v = vars.find(n.id);
    if (v != vars.end())
      return v->second;
    if (opaque.count(n.id))
      return error(n.loc) << "'" << py::clipSourceText(n.id)
                          << "' (a string of the batt's caller) cannot be "
                             "used in a line",
             failure();
    auto c = constants.find(n.id);
    if (c != constants.end() && battMode && !constantsStar &&
        !importedConstants.count(n.id))
      return lineFails(n.loc,
                       Twine("name '") + n.id +
                           "' is not defined (the batt does not import it "
                           "from constants)",
                       "NameError");
    if (c != constants.end()) {
      const DslConstant &k = *c->second;
      Location l = loc(n.loc);
      if (k.isPair)
        return Value(ConstantOp::create(builder, l, PairType::get(ctx),
                                        builder.getDenseI64ArrayAttr({k.a, k.b})));
      if (k.isBool)
        return Value(ConstantOp::create(builder, l, BoolType::get(ctx),
                                        builder.getBoolAttr(k.a != 0)));
      return constantInt(n.loc, k.a);
    }
    if (tokMode ? isTokFunction(n.id) : lookupPrimitive(n.id) != nullptr)
      return Value(PrimRefOp::create(
          builder, loc(n.loc), FnType::get(ctx),
          builder.getStringAttr(tokMode ? (kTokPrefix + n.id).str() : n.id)));
    return error(n.loc) << "undefined name '" << py::clipSourceText(n.id) << "'", failure();
  }

  FailureOr<Value> genPrim(StringRef name, const py::Loc &l,
                           ArrayRef<Value> args) {
    const PrimSignature *sig = lookupPrimitive(name);
    // The operand types are what the primitives' rules give before closure
    // specialization (a higher-order call's result is not known yet; the
    // annotations alone would be wrong: valmax(x, shape) is a pair). A call
    // that can never type-check is rejected in a solver; in a batt the line
    // runs through the function value (buildPrimitiveCall) and raises where
    // Python does.
    TypeRange types = ValueRange(args).getTypes();
    std::string mismatch = sig->operandMismatch(types);
    if (!mismatch.empty() && !battMode)
      return error(l) << mismatch, failure();
    if (!mismatch.empty())
      emitWarning(loc(l)) << "this line is not typed statically: " << mismatch;
    return buildPrimitiveCall(builder, loc(l), *sig, args,
                              sig->inferResultType(ctx, types));
  }

  FailureOr<Value> genCall(const py::CallExpr &call) {
    // Arguments are evaluated first (Python order), then the call.
    auto *calleeName = dyn_cast<py::NameExpr>(call.callee.get());
    const PrimSignature *sig = nullptr;
    if (calleeName && !vars.count(calleeName->id) && !tokMode)
      sig = lookupPrimitive(calleeName->id);
    bool tokCallee = calleeName && !vars.count(calleeName->id) && tokMode &&
                     isTokFunction(calleeName->id);
    if (calleeName && !sig && !tokCallee && !vars.count(calleeName->id)) {
      if (constants.count(calleeName->id))
        return lineFails(call.loc, Twine("'") + calleeName->id +
                                       "' is a constant, not a function");
      return error(call.loc) << "unknown primitive '" << py::clipSourceText(calleeName->id) << "'",
             failure();
    }

    SmallVector<Value> args;
    for (const py::ExprPtr &a : call.args) {
      FailureOr<Value> v = genExpr(*a);
      if (failed(v))
        return failure();
      args.push_back(*v);
    }

    if (sig) {
      size_t arity = sig->paramKinds.size();
      // Keyword arguments go to the parameter of that name.
      SmallVector<Value> ordered(args.begin(), args.end());
      if (!call.keywords.empty()) {
        ordered.resize(arity);
        for (auto [i, kw] : llvm::enumerate(call.keywords)) {
          int idx = paramIndex(*sig, kw.first);
          if (idx < 0)
            return lineFails(call.keywordLocs[i],
                             Twine("'") + sig->name +
                                 "' has no parameter named '" + kw.first +
                                 "'");
          if (idx < (int)args.size() || ordered[idx])
            return lineFails(call.keywordLocs[i],
                             Twine("'") + sig->name +
                                 "' got multiple values for '" + kw.first +
                                 "'");
          FailureOr<Value> v = genExpr(*kw.second);
          if (failed(v))
            return failure();
          ordered[idx] = *v;
        }
        for (size_t i = 0; i < arity; ++i)
          if (!ordered[i])
            return lineFails(call.loc,
                             Twine("'") + sig->name +
                                 "' is missing an argument for parameter " +
                                 Twine(i + 1));
      }
      if (ordered.size() != arity)
        return lineFails(call.loc,
                         Twine("'") + sig->name + "' takes " + Twine(arity) +
                             " argument" + (arity == 1 ? "" : "s") + " but " +
                             Twine(ordered.size()) +
                             (ordered.size() == 1 ? " was" : " were") +
                             " given");
      return genPrim(sig->name, call.loc, ordered);
    }

    if (!call.keywords.empty())
      return error(call.keywordLocs[0])
                 << "keyword arguments in a call of a function value are not "
                    "supported",
             failure();
    // A tokpidjin function called by its name: its op, a direct call of
    // its safe wrapper. A call with an argument count the function does not
    // take stays a call of its value (the wrapper's TypeError: the default).
    if (tokCallee) {
      int id = lookupTokFunction(calleeName->id);
      if (args.size() >= tokMinArity[id] && args.size() <= tokArity[id]) {
        OperationState state(loc(call.loc),
                             (kTokOpPrefix + calleeName->id).str());
        state.addOperands(args);
        state.addTypes(AnyType::get(ctx));
        return builder.create(state)->getResult(0);
      }
    }
    FailureOr<Value> callee = genExpr(*call.callee);
    if (failed(callee))
      return failure();
    if (!isa<FnType, AnyType>(callee->getType())) {
      std::string t;
      llvm::raw_string_ostream os(t);
      os << callee->getType();
      return lineFails(call.loc, Twine("calling a value of type '") + t +
                                     "', which is not a function");
    }
    if (!isa<FnType>(callee->getType()))
      callee->setType(FnType::get(ctx));
    return Value(CallValueOp::create(builder, loc(call.loc), AnyType::get(ctx),
                                     *callee, args));
  }

  /// A call that raises a TypeError whenever it runs: an error in a
  /// solver; in a batt a warning, and the line's value is that failure.
  FailureOr<Value> lineFails(const py::Loc &l, const Twine &why,
                             StringRef exception = "TypeError") {
    if (!battMode)
      return error(l) << why, failure();
    emitWarning(loc(l)) << "this line always fails: " << why;
    return Value(FailOp::create(builder, loc(l), AnyType::get(ctx),
                                builder.getStringAttr(exception)));
  }

  //===--------------------------------------------------------------------===//
  // Batt files
  //===--------------------------------------------------------------------===//

  /// `def batt(task_id, S, I, C, log_path):` becomes `@batt(%args)` where
  /// %args is the tuple (S, I, C); it returns the tuple of every value its
  /// appends record, and the attribute `arcdsl.batt` says how to rebuild the
  /// lists: {returns = [list names], records = [[list, [part, ...]], ...]},
  /// a part being a constant or {slot = k} (element k of the result).
  func::FuncOp genBatt(const py::FunctionDefStmt &def, std::string &message) {
    vars.clear();
    lists.clear();
    opaque.clear();
    slots.clear();
    records.clear();
    Location fnLoc = loc(def.nameLoc);
    auto anyT = AnyType::get(ctx);
    auto fn = func::FuncOp::create(fnLoc, def.name,
                                   builder.getFunctionType({anyT}, {anyT}));
    Block *entry = fn.addEntryBlock();
    currentFn = fn;
    builder.setInsertionPointToEnd(entry);
    std::string captured;
    ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &d) {
      if (captured.empty() && d.getSeverity() == DiagnosticSeverity::Error)
        captured = located(d);
      return failure();
    });
    auto fail = [&]() {
      message = captured.empty() ? "import error" : captured;
      fn->erase();
      return func::FuncOp();
    };
    Value args = entry->getArgument(0);
    for (const auto &p : def.params) {
      Type t;
      int64_t index = -1;
      if (p.name == "S")
        index = 0, t = anyT;
      else if (p.name == "I")
        index = 1, t = GridType::get(ctx);
      else if (p.name == "C")
        index = 2, t = anyT;
      if (index < 0) {
        if (p.name != "task_id" && p.name != "log_path") {
          error(p.loc) << "a batt's parameters are task_id, S, I, C and "
                          "log_path; '"
                       << py::clipSourceText(p.name) << "' is not one of them";
          return fail();
        }
        opaque[p.name] = p.loc;
        continue;
      }
      vars[p.name] = ItemOp::create(builder, loc(p.loc), t, args,
                                    builder.getI64IntegerAttr(index));
    }
    bool returned = false;
    for (const py::StmtPtr &stmt : def.body) {
      if (returned) {
        error(stmt->loc) << "statement after return";
        return fail();
      }
      if (failed(genBattStmt(*stmt, returned)))
        return fail();
    }
    if (!returned) {
      error(def.nameLoc) << "batt does not end with `return o, s`";
      return fail();
    }
    return fn;
  }

  LogicalResult genBattStmt(const py::Stmt &stmt, bool &returned) {
    if (auto *as = dyn_cast<py::AssignStmt>(&stmt)) {
      if (as->isTuple || as->targets.size() != 1)
        return error(as->loc) << "tuple assignment is not supported", failure();
      const std::string &name = as->targets[0].name;
      if (auto *l = dyn_cast<py::ListExpr>(as->value.get())) {
        if (!l->elts.empty() || llvm::is_contained(lists, name) ||
            vars.count(name))
          return error(as->loc) << "only `" << py::clipSourceText(name)
                                << " = []` once, before use, is supported "
                                   "for a record list",
                 failure();
        lists.push_back(name);
        return success();
      }
      if (llvm::is_contained(lists, name))
        return error(as->loc) << "'" << py::clipSourceText(name) << "' is a record list",
               failure();
      FailureOr<Value> v = genExpr(*as->value);
      if (failed(v))
        return failure();
      vars[name] = *v;
      endBattLine(name, as->loc);
      return success();
    }
    if (auto *t = dyn_cast<py::TryStmt>(&stmt))
      return genBattTry(*t);
    if (auto *es = dyn_cast<py::ExprStmt>(&stmt)) {
      if (isa<py::StrExpr>(es->value.get()))
        return success(); // docstring
      if (auto *call = dyn_cast<py::CallExpr>(es->value.get()))
        if (auto *attr = dyn_cast<py::AttributeExpr>(call->callee.get()))
          if (auto *obj = dyn_cast<py::NameExpr>(attr->value.get()))
            if (attr->attr == "append" && llvm::is_contained(lists, obj->id))
              return genAppend(obj->id, *call);
    }
    if (isa<py::PassStmt>(&stmt))
      return success();
    if (auto *ret = dyn_cast<py::ReturnStmt>(&stmt)) {
      SmallVector<Attribute> names;
      auto addName = [&](const py::Expr &e) {
        auto *n = dyn_cast<py::NameExpr>(&e);
        if (!n || !llvm::is_contained(lists, n->id))
          return false;
        names.push_back(builder.getStringAttr(n->id));
        return true;
      };
      bool ok = ret->value != nullptr;
      if (ok) {
        if (auto *tup = dyn_cast<py::TupleExpr>(ret->value.get())) {
          for (const py::ExprPtr &e : tup->elts)
            ok = ok && addName(*e);
        } else {
          ok = addName(*ret->value);
        }
      }
      if (!ok)
        return error(ret->loc) << "a batt returns its record lists "
                                  "(`return o, s`)",
               failure();
      Location l = loc(ret->loc);
      Value result = MakeTupleOp::create(builder, l, AnyType::get(ctx), slots);
      func::ReturnOp::create(builder, l, ValueRange{result});
      currentFn->setAttr(
          "arcdsl.batt",
          builder.getDictionaryAttr(
              {builder.getNamedAttr("returns", builder.getArrayAttr(names)),
               builder.getNamedAttr("records", builder.getArrayAttr(records)),
               builder.getNamedAttr("lines",
                                    builder.getArrayAttr(battLines))}));
      returned = true;
      return success();
    }
    return error(stmt.loc) << "unsupported statement in a batt (lines "
                              "`tN = prim(args)`, optionally in `try: ... "
                              "except (...): tN = _get_safe_default(prim)`, "
                              "`o.append((...))` and `return o, s` are)",
           failure();
  }

  /// `try: tN = call  except (E, ...): tN = _get_safe_default(callee)`.
  LogicalResult genBattTry(const py::TryStmt &t) {
    auto shape = [&]() {
      return error(t.loc) << "unsupported try statement in a batt (expected "
                             "`try: tN = f(...)` and one `except (...): tN "
                             "= _get_safe_default(f)`)",
             failure();
    };
    if (t.body.size() != 1 || t.handlers.size() != 1)
      return shape();
    auto *as = dyn_cast<py::AssignStmt>(t.body[0].get());
    const py::TryStmt::Handler &h = t.handlers[0];
    if (!as || as->isTuple || as->targets.size() != 1 || h.body.size() != 1 ||
        !h.name.empty())
      return shape();
    auto *das = dyn_cast<py::AssignStmt>(h.body[0].get());
    if (!das || das->isTuple || das->targets.size() != 1 ||
        das->targets[0].name != as->targets[0].name)
      return shape();
    auto *dcall = dyn_cast<py::CallExpr>(das->value.get());
    auto *dname =
        dcall ? dyn_cast<py::NameExpr>(dcall->callee.get()) : nullptr;
    if (!dname || dname->id != "_get_safe_default" || dcall->args.size() != 1 ||
        !dcall->keywords.empty())
      return shape();
    SmallVector<Attribute> caught;
    if (h.types.empty())
      caught.push_back(builder.getStringAttr("BaseException"));
    for (const py::ExprPtr &e : h.types) {
      auto *n = dyn_cast<py::NameExpr>(e.get());
      if (!n)
        return shape();
      caught.push_back(builder.getStringAttr(n->id));
    }
    Location l = loc(t.loc);
    Value before = StatusOp::create(builder, l, IntType::get(ctx));
    FailureOr<Value> v = genExpr(*as->value);
    if (failed(v))
      return failure();
    FailureOr<Value> callee = genExpr(*dcall->args[0]);
    if (failed(callee))
      return failure();
    vars[as->targets[0].name] = RecoverOp::create(
        builder, loc(das->loc), AnyType::get(ctx), *v, *callee, before,
        builder.getArrayAttr(caught));
    endBattLine(as->targets[0].name, as->loc);
    return success();
  }

  /// `o.append((N, flag, 'task', tN))`: constants are kept as attributes,
  /// values become slots of the result.
  LogicalResult genAppend(StringRef list, const py::CallExpr &call) {
    if (call.args.size() != 1 || !call.keywords.empty())
      return error(call.loc) << "append takes one value", failure();
    const py::Expr &arg = *call.args[0];
    SmallVector<Attribute> parts;
    auto part = [&](const py::Expr &e) -> LogicalResult {
      if (auto *i = dyn_cast<py::IntExpr>(&e)) {
        parts.push_back(builder.getI64IntegerAttr(i->value));
        return success();
      }
      if (auto *st = dyn_cast<py::StrExpr>(&e)) {
        parts.push_back(builder.getStringAttr(st->value));
        return success();
      }
      if (auto *b = dyn_cast<py::BoolExpr>(&e)) {
        parts.push_back(builder.getBoolAttr(b->value));
        return success();
      }
      if (isa<py::NoneExpr>(&e)) {
        parts.push_back(builder.getUnitAttr());
        return success();
      }
      FailureOr<Value> v = genExpr(e);
      if (failed(v))
        return failure();
      parts.push_back(builder.getDictionaryAttr(builder.getNamedAttr(
          "slot", builder.getI64IntegerAttr(slots.size()))));
      slots.push_back(*v);
      return success();
    };
    bool isTuple = false;
    if (auto *tup = dyn_cast<py::TupleExpr>(&arg)) {
      isTuple = true;
      for (const py::ExprPtr &e : tup->elts)
        if (failed(part(*e)))
          return failure();
    } else if (failed(part(arg))) {
      return failure();
    }
    records.push_back(builder.getArrayAttr(
        {builder.getStringAttr(list),
         isTuple ? Attribute(builder.getArrayAttr(parts)) : parts[0]}));
    return success();
  }

  int paramIndex(const PrimSignature &sig, StringRef name) {
    for (auto [i, n] : llvm::enumerate(sig.paramNames))
      if (n == name)
        return i;
    return -1;
  }
};

} // namespace

ImportResult arcdsl::importPython(llvm::SourceMgr &sourceMgr, MLIRContext *ctx,
                                  const ImportOptions &options) {
  ctx->loadDialect<ArcDslDialect, func::FuncDialect>();
  // Diagnostics point at the Python source; the IR is not the user's.
  ctx->printOpOnDiagnostic(false);
  const llvm::MemoryBuffer *buf =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  auto file = std::make_shared<std::string>(buf->getBufferIdentifier().str());
  std::vector<py::Diagnostic> diags;
  std::unique_ptr<py::Module> ast =
      py::parseModule(buf->getBuffer(), file, diags);
  if (!ast) {
    for (const py::Diagnostic &d : diags)
      emitError(FileLineColLoc::get(ctx, *file, d.loc.line, d.loc.col))
          << d.message;
    return {};
  }
  ImportResult result = MLIRGen(ctx, options).run(*ast);
  if (!result.module)
    return result;
  if (failed(verify(*result.module)))
    return ImportResult{};
  if (options.checkTypes) {
    // Type-check a copy (function values stay opaque there); the imported
    // module itself stays as written.
    OwningOpRef<ModuleOp> copy = result.module->clone();
    PassManager pm(ctx);
    pm.addPass(createInferTypes());
    if (failed(pm.run(*copy))) {
      if (!options.keepGoing)
        return ImportResult{};
    }
  }
  return result;
}

void arcdsl::registerImportPythonTranslation() {
  TranslateToMLIRRegistration reg(
      "import-arcdsl", "import an ARC-DSL solver file (Python) into ArcDsl",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *ctx) -> OwningOpRef<Operation *> {
        // The driver's handler prints the whole source line under each
        // message: a diagnostic on a very long line (a 5 MB identifier) is
        // printed here instead, with 160 bytes of the line around the
        // column; every other diagnostic goes on to the driver's handler.
        ScopedDiagnosticHandler longLines(ctx, [&](Diagnostic &d) {
          auto fl = dyn_cast<FileLineColLoc>(d.getLocation());
          unsigned id = sourceMgr.getMainFileID();
          const llvm::MemoryBuffer *buf = sourceMgr.getMemoryBuffer(id);
          if (!fl || fl.getFilename() != buf->getBufferIdentifier())
            return failure();
          llvm::SMLoc at =
              sourceMgr.FindLocForLineAndColumn(id, fl.getLine(), 1);
          if (!at.isValid())
            return failure();
          llvm::StringRef rest(at.getPointer(),
                               buf->getBufferEnd() - at.getPointer());
          llvm::StringRef line = rest.take_until(
              [](char c) { return c == '\n' || c == '\r'; });
          constexpr size_t kShown = 160;
          if (line.size() <= kShown)
            return failure();
          size_t col = fl.getColumn() ? fl.getColumn() - 1 : 0;
          size_t from = col > kShown / 2 ? col - kShown / 2 : 0;
          const char *kind = d.getSeverity() == DiagnosticSeverity::Error
                                 ? "error"
                             : d.getSeverity() == DiagnosticSeverity::Warning
                                 ? "warning"
                             : d.getSeverity() == DiagnosticSeverity::Note
                                 ? "note"
                                 : "remark";
          llvm::errs() << fl.getFilename().getValue() << ":" << fl.getLine() << ":"
                       << fl.getColumn() << ": " << kind << ": " << d.str()
                       << "\n"
                       << (from ? "..." : "")
                       << line.substr(from, kShown) << "... (line of "
                       << line.size() << " bytes)\n"
                       << std::string((from ? 3 : 0) + col - from, ' ')
                       << "^\n";
          return success();
        });
        ImportResult r = importPython(sourceMgr, ctx);
        if (!r.module)
          return nullptr;
        return OwningOpRef<Operation *>(r.module.release());
      },
      [](DialectRegistry &registry) {
        registry.insert<ArcDslDialect, func::FuncDialect>();
      });
}
