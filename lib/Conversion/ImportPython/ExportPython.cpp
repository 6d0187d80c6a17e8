//===- ExportPython.cpp - ArcDsl back to a Python solver file -------------===//
//
// Writes each function as `def name(I):` with one `xN = prim(args)` line per
// primitive call or function-value call; constants print as the DSL's named
// constants where one exists (T, ZERO, UNITY...), literals otherwise.
// Primitive references print as the primitive's name.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ImportPython.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"

using namespace mlir;
using namespace arcdsl;

static std::string constantText(ConstantOp c) {
  Attribute a = c.getValue();
  if (auto b = dyn_cast<BoolAttr>(a))
    return b.getValue() ? "T" : "F";
  if (isa<UnitAttr>(a))
    return "None";
  for (const DslConstant &k : dslConstants()) {
    if (k.isBool)
      continue;
    if (auto i = dyn_cast<IntegerAttr>(a))
      if (!k.isPair && k.a == i.getInt())
        return k.name.str();
    if (auto p = dyn_cast<DenseI64ArrayAttr>(a))
      if (k.isPair && p.size() == 2 && k.a == p[0] && k.b == p[1])
        return k.name.str();
  }
  if (auto i = dyn_cast<IntegerAttr>(a))
    return std::to_string(i.getInt());
  if (auto p = dyn_cast<DenseI64ArrayAttr>(a))
    return "(" + std::to_string(p[0]) + ", " + std::to_string(p[1]) + ")";
  return "None";
}

LogicalResult arcdsl::exportPython(ModuleOp module, raw_ostream &os) {
  os << "from dsl import *\nfrom constants import *\n";
  for (auto fn : module.getOps<func::FuncOp>()) {
    if (fn.isExternal())
      continue;
    DenseMap<Value, std::string> names;
    Block &body = fn.getBody().front();
    os << "\n\ndef " << fn.getSymName() << "(";
    for (auto [i, a] : llvm::enumerate(body.getArguments())) {
      std::string n = body.getNumArguments() == 1 ? "I" : "a" + std::to_string(i);
      names[a] = n;
      os << (i ? ", " : "") << n;
    }
    os << "):\n";
    unsigned counter = 0;
    Value returned;
    for (Operation &op : body)
      if (auto r = dyn_cast<func::ReturnOp>(op))
        returned = r.getNumOperands() ? r.getOperand(0) : Value();
    for (Operation &op : body) {
      if (auto c = dyn_cast<ConstantOp>(op)) {
        names[c.getResult()] = constantText(c);
        continue;
      }
      if (auto r = dyn_cast<PrimRefOp>(op)) {
        names[r.getResult()] = r.getPrim().str();
        continue;
      }
      if (auto r = dyn_cast<func::ReturnOp>(op)) {
        os << "    return " << names.lookup(r.getOperand(0)) << "\n";
        continue;
      }
      std::string callee;
      ValueRange args;
      if (auto p = dyn_cast<PrimitiveOpInterface>(op)) {
        callee = p.getPrimName().str();
        args = op.getOperands();
      } else if (auto t = dyn_cast<TokOpInterface>(op)) {
        callee = t.getTokName().str();
        args = op.getOperands();
      } else if (auto cv = dyn_cast<CallValueOp>(op)) {
        callee = names.lookup(cv.getCallee());
        args = cv.getArgs();
      } else {
        return op.emitError("cannot export this operation to Python (export "
                            "runs before closure specialization)");
      }
      std::string name = op.getResult(0) == returned
                             ? std::string("O")
                             : "x" + std::to_string(++counter);
      names[op.getResult(0)] = name;
      os << "    " << name << " = " << callee << "(";
      for (auto [i, a] : llvm::enumerate(args))
        os << (i ? ", " : "") << names.lookup(a);
      os << ")\n";
    }
  }
  return success();
}

void arcdsl::registerExportPythonTranslation() {
  TranslateFromMLIRRegistration reg(
      "export-arcdsl", "write an ArcDsl module as an ARC-DSL solver file",
      [](Operation *op, raw_ostream &os) {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("expected a module"), failure();
        return exportPython(module, os);
      },
      [](DialectRegistry &registry) {
        registry.insert<ArcDslDialect, func::FuncDialect>();
      });
}
