//===- Compiler.cpp - solver file to runnable programs --------------------===//
//
// Import with keep-going, then compile each solver on its own (so one
// unsupported or ill-typed solver does not take the others down), check that
// every primitive it calls is implemented, merge the good ones into one
// module, lower it to LLVM and JIT it once.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runner/Cubins.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Conversion/ImportPython.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Pipelines/Pipelines.h"
#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"

#include <set>


using namespace mlir;
using namespace arcdsl;
using arcdsl::runtime::now;

namespace {
/// "file:line:col: message" for a diagnostic at a source location.
std::string describe(Diagnostic &d) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto fl = dyn_cast<FileLineColLoc>(d.getLocation()))
    os << fl.getFilename().getValue() << ":" << fl.getLine() << ":"
       << fl.getColumn() << ": ";
  os << d.str();
  return text;
}

/// The library's entry points compiled code calls besides the primitives
/// (Hof.h): the higher-order loops and the run-time helpers.
struct RtSymbol {
  const char *name;
  void *addr;
};
#define ARCDSL_HOF_SYMBOL(name) {"arcdsl_hof_" #name, (void *)&arcdsl_hof_##name}
#define ARCDSL_RT_SYMBOL(name) {"arcdsl_rt_" #name, (void *)&arcdsl_rt_##name}
const RtSymbol kRtSymbols[] = {
    ARCDSL_HOF_SYMBOL(apply),   ARCDSL_HOF_SYMBOL(mapply),
    ARCDSL_HOF_SYMBOL(sfilter), ARCDSL_HOF_SYMBOL(mfilter),
    ARCDSL_HOF_SYMBOL(extract), ARCDSL_HOF_SYMBOL(argmax),
    ARCDSL_HOF_SYMBOL(argmin),  ARCDSL_HOF_SYMBOL(valmax),
    ARCDSL_HOF_SYMBOL(valmin),  ARCDSL_HOF_SYMBOL(order),
    ARCDSL_HOF_SYMBOL(papply),  ARCDSL_HOF_SYMBOL(mpapply),
    ARCDSL_HOF_SYMBOL(prapply), ARCDSL_HOF_SYMBOL(power),
    ARCDSL_RT_SYMBOL(buf),      ARCDSL_RT_SYMBOL(buf_set),
    ARCDSL_RT_SYMBOL(tuple),    ARCDSL_RT_SYMBOL(truthy),
    ARCDSL_RT_SYMBOL(fail),     ARCDSL_RT_SYMBOL(call1),
    ARCDSL_RT_SYMBOL(call2),    ARCDSL_RT_SYMBOL(call3),
    ARCDSL_RT_SYMBOL(call4),    ARCDSL_RT_SYMBOL(recover),
    ARCDSL_RT_SYMBOL(item),     ARCDSL_RT_SYMBOL(set_dialect),
    ARCDSL_RT_SYMBOL(set_order),   ARCDSL_RT_SYMBOL(memo_of),
    ARCDSL_RT_SYMBOL(memo_replaying), ARCDSL_RT_SYMBOL(memo_mark),
    ARCDSL_RT_SYMBOL(memo_store),  ARCDSL_RT_SYMBOL(memo_charge),
    ARCDSL_RT_SYMBOL(memo_load),
};
#undef ARCDSL_HOF_SYMBOL
#undef ARCDSL_RT_SYMBOL
} // namespace

/// The `arcdsl.batt` attribute as JSON: {"returns": [names], "records":
/// [[list, part or [parts]], ...], "lines": [[name, "FILE:line"], ...]}
/// with a part a constant (int, bool, null, {"str": s}) or {"slot": k}.
static void attrJson(Attribute a, std::string &out) {
  if (auto b = dyn_cast<BoolAttr>(a)) {
    out += b.getValue() ? "true" : "false";
  } else if (auto i = dyn_cast<IntegerAttr>(a)) {
    out += std::to_string(i.getInt());
  } else if (auto s = dyn_cast<StringAttr>(a)) {
    out += "{\"str\":";
    runtime::appendJsonString(out, s.getValue());
    out += '}';
  } else if (auto d = dyn_cast<DictionaryAttr>(a)) {
    auto slot = d.getAs<IntegerAttr>("slot");
    out += "{\"slot\":" + std::to_string(slot ? slot.getInt() : -1) + "}";
  } else if (auto arr = dyn_cast<ArrayAttr>(a)) {
    out += '[';
    for (auto [k, e] : llvm::enumerate(arr)) {
      if (k)
        out += ',';
      attrJson(e, out);
    }
    out += ']';
  } else {
    out += "null";
  }
}

static std::string battLayoutJson(DictionaryAttr layout) {
  std::string out = "{\"returns\":[";
  if (auto names = layout.getAs<ArrayAttr>("returns"))
    for (auto [k, n] : llvm::enumerate(names)) {
      if (k)
        out += ',';
      runtime::appendJsonString(out, cast<StringAttr>(n).getValue());
    }
  out += "],\"records\":[";
  if (auto recs = layout.getAs<ArrayAttr>("records"))
    for (auto [k, r] : llvm::enumerate(recs)) {
      if (k)
        out += ',';
      auto rec = cast<ArrayAttr>(r);
      out += '[';
      runtime::appendJsonString(out, cast<StringAttr>(rec[0]).getValue());
      out += ',';
      attrJson(rec[1], out);
      out += ']';
    }
  out += "],\"lines\":[";
  if (auto lines = layout.getAs<ArrayAttr>("lines"))
    for (auto [k, l] : llvm::enumerate(lines)) {
      auto pair = cast<ArrayAttr>(l);
      out += k ? ",[" : "[";
      runtime::appendJsonString(out, cast<StringAttr>(pair[0]).getValue());
      out += ',';
      runtime::appendJsonString(out, cast<StringAttr>(pair[1]).getValue());
      out += ']';
    }
  out += "]}";
  return out;
}

CompiledSolvers::CompiledSolvers() : context(std::make_unique<MLIRContext>()) {
  DialectRegistry registry;
  registry.insert<ArcDslDialect, func::FuncDialect, LLVM::LLVMDialect,
                  gpu::GPUDialect, NVVM::NVVMDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerNVVMDialectTranslation(registry);
  registerGPUDialectTranslation(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  context->appendDialectRegistry(registry);
  context->loadAllAvailableDialects();
}

CompiledSolvers::~CompiledSolvers() = default;

SolverFn CompiledSolvers::lookup(const std::string &name) const {
  auto it = entries.find(name);
  return it == entries.end() ? nullptr : it->second;
}

/// Link the primitive library's host bitcode (what `m` uses of it) into `m`
/// so that its small functions inline into the solvers, and keep only `m`'s
/// own external symbols external. False with a message when the bitcode is
/// missing or does not link.
static bool linkHostLibrary(llvm::Module &m, std::string &error) {
  std::set<std::string> own;
  for (llvm::GlobalValue &g : m.global_values())
    if (!g.isDeclaration() && !g.hasLocalLinkage())
      own.insert(g.getName().str());
  llvm::SMDiagnostic diag;
  std::string bcPath = defaultBitcodePath("host");
  std::unique_ptr<llvm::Module> library =
      llvm::parseIRFile(bcPath, diag, m.getContext());
  if (!library) {
    error = "cannot read the primitive library's host bitcode " + bcPath +
            ": " + diag.getMessage().str();
    return false;
  }
  library->setDataLayout(m.getDataLayout());
  library->setTargetTriple(m.getTargetTriple());
  if (llvm::Linker::linkModules(m, std::move(library),
                                llvm::Linker::Flags::LinkOnlyNeeded)) {
    error = "linking the primitive library's host bitcode failed";
    return false;
  }
  for (llvm::GlobalValue &g : m.global_values())
    if (!g.isDeclaration() && !own.count(g.getName().str())) {
      g.setLinkage(llvm::GlobalValue::InternalLinkage);
      if (auto *obj = llvm::dyn_cast<llvm::GlobalObject>(&g))
        obj->setComdat(nullptr);
    }
  return true;
}

/// Sort function `names` by where their `def` line is in `source` (the
/// importer lists the functions that failed to import first); a name
/// without one keeps its place after those that have one.
static void sortByDefinition(std::vector<std::string> &names,
                             llvm::StringRef source) {
  std::vector<std::pair<size_t, size_t>> at; // (def offset, old index)
  for (size_t k = 0; k < names.size(); ++k) {
    std::string def = "def " + names[k] + "(";
    size_t pos = 0;
    while ((pos = source.find(def, pos)) != llvm::StringRef::npos &&
           pos > 0 && source[pos - 1] != '\n')
      ++pos;
    at.push_back({pos, k});
  }
  llvm::sort(at);
  std::vector<std::string> sorted;
  for (auto [pos, k] : at)
    sorted.push_back(std::move(names[k]));
  names = std::move(sorted);
}

llvm::Error CompiledSolvers::compileFile(const std::string &path,
                                         bool verbose) {
  if (path != "-") {
    std::string text, error;
    if (!runtime::readInputFile(path, kMaxSourceBytes, text, error))
      return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
    return compileSource(text, path, verbose);
  }
  auto file = llvm::MemoryBuffer::getFileOrSTDIN(path);
  if (!file)
    return llvm::createStringError(file.getError(),
                                   "cannot read '" + path + "'");
  return compileBuffer(std::move(*file), verbose);
}

llvm::Error CompiledSolvers::compileSource(llvm::StringRef source,
                                           llvm::StringRef name,
                                           bool verbose) {
  return compileBuffer(llvm::MemoryBuffer::getMemBufferCopy(source, name),
                       verbose);
}

llvm::Error
CompiledSolvers::compileBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer,
                               bool verbose) {
  double t0 = now();
  std::string path = buffer->getBufferIdentifier().str();
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());

  // Diagnostics are collected per solver, not printed.
  std::string lastError;
  ScopedDiagnosticHandler handler(context.get(), [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error) {
      lastError = describe(d);
      if (verbose)
        llvm::errs() << "arcdsl: " << lastError << "\n";
    } else if (d.getSeverity() == DiagnosticSeverity::Warning) {
      // A batt line that always fails: counted, shown with -v.
      ++warnings;
      if (verbose)
        llvm::errs() << "arcdsl: warning: " << describe(d) << "\n";
    }
    return success();
  });

  ImportOptions opts;
  opts.checkTypes = false;
  opts.keepGoing = true;
  opts.dsl = dsl;
  ImportResult imported = importPython(sourceMgr, context.get(), opts);
  if (!imported.module) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   lastError.empty() ? "cannot import " + path
                                                     : lastError);
  }
  if (order == "python")
    (*imported.module)->setAttr(kOrderAttr, StringAttr::get(context.get(), order));
  for (auto &[name, message] : imported.failedFunctions) {
    names.push_back(name);
    problems[name] = {SolverIssue::Error, message};
  }

  OwningOpRef<ModuleOp> combined =
      ModuleOp::create(UnknownLoc::get(context.get()));
  (*combined)->setAttrs((*imported.module)->getAttrDictionary());
  SmallVector<func::FuncOp> fns(imported.module->getOps<func::FuncOp>());
  for (func::FuncOp fn : fns) {
    std::string name = fn.getSymName().str();
    names.push_back(name);
    if (auto layout = fn->getAttrOfType<DictionaryAttr>("arcdsl.batt"))
      batts[name] = battLayoutJson(layout);
    if (fn.getNumArguments() != 1) {
      problems[name] = {SolverIssue::NotASolver,
                        "not a solver: takes " +
                            std::to_string(fn.getNumArguments()) +
                            " parameters instead of one input grid"};
      continue;
    }
    OwningOpRef<ModuleOp> one = ModuleOp::create(fn.getLoc());
    (*one)->setAttrs((*imported.module)->getAttrDictionary());
    one->push_back(fn->clone());
    PassManager pm(context.get());
    buildCompilePipeline(pm, CompilePipelineOptions());
    lastError.clear();
    if (failed(pm.run(*one))) {
      bool unsupported = StringRef(lastError).contains("not supported yet");
      problems[name] = {unsupported ? SolverIssue::Unsupported
                                    : SolverIssue::Error,
                        lastError.empty() ? "compilation failed" : lastError};
      continue;
    }
    // Every first-order primitive it calls must be in the library.
    std::string missing;
    one->walk([&](PrimitiveOpInterface p) {
      const PrimInfo *info = findPrim(p.getPrimName().str().c_str());
      if (p.getPrimClass() == PrimClass::FirstOrder &&
          (!info || !info->entry) && missing.empty())
        missing = p.getPrimName().str();
    });
    if (!missing.empty()) {
      problems[name] = {SolverIssue::Unsupported,
                        "primitive '" + missing + "' is not implemented"};
      continue;
    }
    for (Operation &op : llvm::make_early_inc_range(one->getOps()))
      combined->push_back(op.clone());
  }

  sortByDefinition(names, sourceMgr.getMemoryBuffer(1)->getBuffer());
  compiled = combined->clone();
  // CPU batts share lines between a sample's two calls (the kept module,
  // what GPU bundles and host objects are made from, does not); the memo
  // sizes are read before lowering drops the attribute.
  shares.clear();
  if (shareModes && !batts.empty()) {
    PassManager share(context.get());
    share.addPass(createShareBattModes());
    if (failed(share.run(*combined)))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "sharing batt lines failed: " + lastError);
    for (func::FuncOp fn : combined->getOps<func::FuncOp>())
      if (auto w = fn->getAttrOfType<IntegerAttr>("arcdsl.batt_memo"))
        shares[fn.getSymName().str()].memoWords = (uint64_t)w.getInt();
  }
  PassManager lower(context.get());
  lower.addPass(createConvertArcDslToLLVM());
  if (failed(lower.run(*combined)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "lowering to LLVM failed: " + lastError);
  compileSeconds = now() - t0;

  double t1 = now();
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  // The IR is not optimised before code generation: the compiled code is
  // calls into the primitive library (which is compiled ahead, optimised),
  // and LLVM's O2 on a batt's one function of thousands of calls took 1 s
  // of a card.py batt's 2.1 s compile without changing its run time
  // (bench/results/2026-12-06-large-tables.md). Code generation itself
  // stays at the default level.
  auto transformer = makeOptimizingTransformer(0, 0, nullptr);
  ExecutionEngineOptions eo;
  eo.transformer = transformer;
  eo.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Default;
  auto maybeEngine = ExecutionEngine::create(*combined, eo);
  if (!maybeEngine)
    return maybeEngine.takeError();
  engine = std::move(*maybeEngine);
  engine->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap map;
    const PrimInfo *table = primTable();
    for (uint32_t i = 0; i < PRIM_COUNT; ++i)
      if (table[i].entry)
        map[interner((std::string("arcdsl_prim_") + table[i].name).c_str())] =
            {llvm::orc::ExecutorAddr::fromPtr(table[i].entry),
             llvm::JITSymbolFlags::Exported};
    for (const RtSymbol &s : kRtSymbols)
      map[interner(s.name)] = {llvm::orc::ExecutorAddr::fromPtr(s.addr),
                               llvm::JITSymbolFlags::Exported};
    return map;
  });
  for (const std::string &name : names) {
    if (problems.count(name))
      continue;
    auto sym = engine->lookup(name);
    if (!sym) {
      problems[name] = {SolverIssue::Error,
                        "JIT: " + llvm::toString(sym.takeError())};
      continue;
    }
    entries[name] = reinterpret_cast<SolverFn>(*sym);
  }
  jitSeconds = now() - t1;
  return llvm::Error::success();
}

llvm::Error CompiledSolvers::compileBatt(const std::string &path, bool verbose,
                                         SolverFn &fn,
                                         runtime::BattLayout &layout) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (llvm::Error e = compileFile(path, verbose))
    return e;
  auto issue = problems.find("batt");
  if (issue != problems.end())
    return fail(path + ": batt does not compile: " + issue->second.detail);
  fn = lookup("batt");
  if (!fn)
    return fail(path + ": no `def batt(...)` in the file");
  std::string why;
  if (!runtime::parseBattLayout(battLayout("batt"), layout, why))
    return fail("internal: bad batt layout: " + why);
  return llvm::Error::success();
}

runtime::BattShare CompiledSolvers::battShare(const std::string &name) const {
  auto it = shares.find(name);
  return it == shares.end() ? runtime::BattShare() : it->second;
}

std::string CompiledSolvers::battLayout(const std::string &name) const {
  auto it = batts.find(name);
  return it == batts.end() ? std::string() : it->second;
}

llvm::Error CompiledSolvers::emitHostObject(const std::string &path) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (!compiled)
    return fail("nothing compiled");
  OwningOpRef<ModuleOp> module = compiled->clone();
  PassManager lower(context.get());
  lower.addPass(createConvertArcDslToLLVM());
  if (failed(lower.run(*module)))
    return fail("lowering to LLVM failed");
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  // Position-independent: the object goes into a shared library.
  builder->setRelocationModel(llvm::Reloc::PIC_);
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  auto tm = builder->createTargetMachine();
  if (!tm)
    return tm.takeError();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*module, llvmContext);
  if (!llvmModule)
    return fail("translation to LLVM IR failed");
  llvmModule->setDataLayout((*tm)->createDataLayout());
  llvmModule->setTargetTriple((*tm)->getTargetTriple());
  std::string linkError;
  if (!linkHostLibrary(*llvmModule, linkError))
    return fail(linkError);
  // The runtime that loads the object checks the ABI it was made for.
  auto *i32 = llvm::Type::getInt32Ty(llvmContext);
  new llvm::GlobalVariable(*llvmModule, i32, /*isConstant=*/true,
                           llvm::GlobalValue::ExternalLinkage,
                           llvm::ConstantInt::get(i32, abi::kAbiVersion),
                           abi::kAbiSymbol);
  if (llvm::Error e =
          makeOptimizingTransformer(2, 0, tm->get())(llvmModule.get()))
    return e;
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return fail("cannot write " + path + ": " + ec.message());
  llvm::legacy::PassManager pm;
  if ((*tm)->addPassesToEmitFile(pm, os, nullptr,
                                 llvm::CodeGenFileType::ObjectFile))
    return fail("the host target cannot emit object files");
  pm.run(*llvmModule);
  return llvm::Error::success();
}

llvm::Error CompiledSolvers::buildGpuBundle(
    const std::string &chip, runtime::KernelBundle &bundle,
    llvm::ArrayRef<std::string> cubinChips) {
  double t0 = now();
  bundleWarning.clear();
  cubinSeconds = 0;
  for (const std::string &c : cubinChips)
    if (runtime::smNumber(c) < 0 ||
        runtime::smNumber(c) < runtime::smNumber(chip))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "no cubin for " + c + " from PTX for " + chip +
              ": the PTX's chip (--chip) must be the oldest");
  bundle = runtime::KernelBundle();
  bundle.chip = chip;
  bundle.order = order;
  for (auto &[name, issue] : problems)
    bundle.issues.push_back(
        {name, issue.kind == SolverIssue::Unsupported ? "unsupported" : "error",
         issue.detail});
  if (!compiled)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "nothing compiled");
  OwningOpRef<ModuleOp> module = compiled->clone();
  std::string lastError;
  ScopedDiagnosticHandler handler(context.get(), [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error)
      lastError += describe(d) + "\n";
    return success();
  });
  PassManager pm(context.get());
  pm.addPass(createBatchify());
  GpuLowerOptions options;
  options.chip = chip;
  options.separateLibrary = true;
  buildGpuLowerPipeline(pm, options);
  if (failed(pm.run(*module)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "GPU compilation failed: " + lastError);
  for (auto bin : module->getOps<gpu::BinaryOp>()) {
    for (Attribute a : bin.getObjects()) {
      auto obj = cast<gpu::ObjectAttr>(a);
      bundle.ptx = obj.getObject().getValue().str();
    }
  }
  if (bundle.ptx.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "GPU compilation produced no PTX");
  std::string libPath = defaultLibraryPtxPath(chip);
  auto lib = llvm::MemoryBuffer::getFile(libPath);
  if (!lib)
    return llvm::createStringError(lib.getError(),
                                   "cannot read the primitive library PTX '" +
                                       libPath + "'");
  bundle.libraryPtx = (*lib)->getBuffer().str();
  for (const std::string &name : names)
    if (!problems.count(name))
      bundle.kernels.push_back(name);
  // The dispatch kernel's program k, as --convert-arcdsl-to-gpu numbered
  // them (the module's order of batched solvers).
  if (auto order = (*module)->getAttrOfType<ArrayAttr>("arcdsl.dispatch"))
    for (Attribute a : order)
      bundle.dispatch.push_back(cast<StringAttr>(a).str());
  for (const std::string &name : bundle.kernels)
    if (batts.count(name))
      bundle.battLayouts[name] = batts[name];
  ptxSeconds = now() - t0;
  if (cubinChips.empty())
    return llvm::Error::success();
  t0 = now();
  if (findCudaTool("ptxas").empty() || findCudaTool("nvlink").empty()) {
    bundleWarning = "no CUDA toolkit found (ptxas, nvlink; set "
                    "ARCDSL_CUDA_BIN or CUDA_HOME): the bundle holds PTX "
                    "only, which the driver compiles when it loads it";
    return llvm::Error::success();
  }
  llvm::Error e = buildCubins(bundle.ptx, cubinChips, bundle.cubins);
  cubinSeconds = now() - t0;
  return e;
}
