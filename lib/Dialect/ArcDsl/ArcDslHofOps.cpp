//===- ArcDslHofOps.cpp - higher-order ops over specialized functions -----===//
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;
using namespace arcdsl;

#include "ArcDsl/Dialect/ArcDsl/ArcDslHofInterfaces.cpp.inc"

LogicalResult arcdsl::verifyHigherOrderOp(HigherOrderOpInterface op) {
  StringRef p = op.getPrimName();
  unsigned callees = op.getNumCallees();
  int data = op.getNumData();
  if (op.getCallees().size() != callees)
    return op->emitOpError("takes ")
           << callees << " callee" << (callees == 1 ? "" : "s") << ", got "
           << op.getCallees().size();
  if (data >= 0 && op.getArgs().size() != (unsigned)data)
    return op->emitOpError("takes ")
           << data << " data operand" << (data == 1 ? "" : "s") << ", got "
           << op.getArgs().size();
  if (p == "branch_call" && op.getArgs().empty())
    return op->emitOpError("needs its condition operand");
  return success();
}

LogicalResult
arcdsl::verifyHigherOrderCallees(HigherOrderOpInterface op,
                                 SymbolTableCollection &symbolTable) {
  unsigned want = op.getCaptures().size();
  int params = op.getNumParams();
  if (params >= 0)
    want += params;
  else
    want += op.getArgs().size() - (op.getPrimName() == "branch_call" ? 1 : 0);
  for (Attribute a : op.getCallees()) {
    auto ref = cast<FlatSymbolRefAttr>(a);
    auto fn =
        symbolTable.lookupNearestSymbolFrom<FunctionOpInterface>(op, ref);
    if (!fn)
      return op->emitOpError("callee ") << ref << " does not exist";
    if (fn.getNumArguments() != want)
      return op->emitOpError("callee ")
             << ref << " takes " << fn.getNumArguments()
             << " arguments, but the captures and the element(s) make "
             << want;
  }
  return success();
}

Operation *arcdsl::createHigherOrderOp(OpBuilder &b, Location loc,
                                       StringRef prim, Type result,
                                       ArrayAttr callees, ValueRange captures,
                                       ValueRange args) {
  std::string name = ("arcdsl.hof." + prim).str();
  if (!RegisteredOperationName::lookup(name, b.getContext()))
    return nullptr;
  OperationState state(loc, name);
  state.addOperands(captures);
  state.addOperands(args);
  state.addAttribute("callees", callees);
  state.addAttribute("operandSegmentSizes",
                     b.getDenseI32ArrayAttr({(int32_t)captures.size(),
                                             (int32_t)args.size()}));
  state.addTypes(result);
  return b.create(state);
}
