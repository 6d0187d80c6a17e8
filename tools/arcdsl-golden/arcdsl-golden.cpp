//===- arcdsl-golden.cpp - golden vectors through compiled programs -------===//
//
// For every reference vector of DIR/<prim>.jsonl, compiles a one-line DSL
// program calling that primitive (primitives passed as arguments are written
// into the program, so higher-order primitives go through closure
// specialization and the loop lowering) and runs it on the vector's data
// arguments: an error vector must end in an error, a result vector must give
// an equal value in canonical representation. This checks the whole CPU
// path: importer, passes, LLVM lowering, JIT, primitive library.
//
// Exit codes (also in --help): 0 every vector matched; 1 a mismatch,
// nothing checked, or bad input; 2 the machine failed (no arena).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <set>

using namespace arcdsl;
using namespace arcdsl::runtime;
namespace cl = llvm::cl;

static cl::OptionCategory cat("arcdsl-golden options");
static cl::opt<std::string> goldenDir(cl::Positional, cl::Required,
                                      cl::desc("<golden dir>"), cl::cat(cat));
static cl::list<std::string> onlyPrims("prim", cl::CommaSeparated,
                                       cl::desc("only these primitives"),
                                       cl::cat(cat));
static cl::opt<unsigned> show("show", cl::init(3),
                              cl::desc("mismatches printed per primitive"),
                              cl::cat(cat));

namespace {

struct Vector {
  std::vector<Json> args;
  bool isError = false;
  Json result;
  std::string line;
};

/// Data arguments of a call are packed into the one input as nested pairs:
/// a0 | (a0, a1) | (a0, (a1, a2)) | (a0, (a1, (a2, a3))).
Json packArgs(const std::vector<const Json *> &data) {
  if (data.size() == 1)
    return *data[0];
  Json tail = *data.back();
  for (size_t i = data.size() - 1; i-- > 0;) {
    Json t;
    t.kind = Json::Array;
    t.arr = {*data[i], tail};
    tail = std::move(t);
  }
  return tail;
}

/// Python lines unpacking the nested pairs into x0..x{n-1}.
std::string unpackLines(size_t n) {
  if (n == 1)
    return "    x0 = identity(I)\n";
  std::string s;
  std::string cur = "I";
  for (size_t i = 0; i + 1 < n; ++i) {
    s += "    x" + std::to_string(i) + " = first(" + cur + ")\n";
    std::string rest = "r" + std::to_string(i);
    s += "    " + rest + " = last(" + cur + ")\n";
    cur = rest;
  }
  s += "    x" + std::to_string(n - 1) + " = identity(" + cur + ")\n";
  return s;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(cat);
  cl::ParseCommandLineOptions(
      argc, argv,
      "arcdsl-golden: run the reference vectors through compiled programs\n\n"
      "Every vector of DIR/<prim>.jsonl becomes a one-line program calling "
      "<prim>, compiled\nand run on the CPU; its value or error must match "
      "the vector's.\n\n"
      "Exit codes: 0 every vector checked matched; 1 a mismatch, nothing "
      "checked, or bad\ninput (options, a golden file, a program that does "
      "not compile); 2 the machine\nfailed (no arena).\n");

  std::vector<std::string> files;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(goldenDir, ec), end;
       it != end && !ec; it.increment(ec)) {
    llvm::StringRef p = it->path();
    if (p.ends_with(".jsonl"))
      files.push_back(p.str());
  }
  if (ec || files.empty()) {
    llvm::errs() << "arcdsl-golden: error: no <prim>.jsonl files in '"
                 << goldenDir << "'\n";
    return 1;
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> only(onlyPrims.begin(), onlyPrims.end());

  // Group vectors by (primitive, function arguments) -> one program each.
  struct Group {
    std::string prim, fnName, source;
    std::vector<Vector> vectors;
  };
  std::map<std::string, Group> groups;
  std::map<std::string, unsigned> skipped;
  unsigned nfiles = 0;
  for (const std::string &f : files) {
    std::string prim = llvm::sys::path::stem(f).str();
    if (!only.empty() && !only.count(prim))
      continue;
    const PrimInfo *info = findPrim(prim.c_str());
    if (!info) {
      llvm::errs() << "arcdsl-golden: error: " << f
                   << ": unknown primitive\n";
      return 1;
    }
    ++nfiles;
    std::string text, err;
    if (!readFile(f, text, err)) {
      llvm::errs() << "arcdsl-golden: error: " << err << "\n";
      return 1;
    }
    llvm::SmallVector<llvm::StringRef> lines;
    llvm::StringRef(text).split(lines, '\n', -1, false);
    for (llvm::StringRef line : lines) {
      Json j;
      if (!parseJson(line, j, err)) {
        llvm::errs() << "arcdsl-golden: error: " << f << ": " << err << "\n";
        return 1;
      }
      Vector v;
      v.line = line.str();
      const Json *args = j.get("args");
      if (!args || args->kind != Json::Array) {
        llvm::errs() << "arcdsl-golden: error: " << f << ": no args\n";
        return 1;
      }
      v.args = args->arr;
      if (const Json *e = j.get("error")) {
        if (e->str == "TO") { // the reference timed out: nothing to check
          ++skipped["reference timed out"];
          continue;
        }
        v.isError = true;
      } else if (const Json *r = j.get("result")) {
        v.result = *r;
      }
      // Function arguments: written into the program by name.
      std::string key = prim, call = prim + "(";
      // Other functions (a function in a tuple, `branch(c, f, 1)`) are data:
      // run-time function values.
      std::vector<const Json *> data;
      for (size_t i = 0; i < v.args.size(); ++i) {
        const Json &a = v.args[i];
        const Json *fn = a.get("fn");
        if (fn && info->kind == PRIM_HOF) {
          key += "|" + fn->str;
          call += (i ? ", " : "") + fn->str;
        } else {
          call += (i ? ", " : "") + std::string("x") +
                  std::to_string(data.size());
          data.push_back(&a);
        }
      }
      if (data.empty()) {
        ++skipped["no data argument"];
        continue;
      }
      call += ")";
      Group &g = groups[key];
      if (g.prim.empty()) {
        g.prim = prim;
        g.fnName = "golden_" + std::to_string(groups.size());
        g.source = "def " + g.fnName + "(I):\n" + unpackLines(data.size()) +
                   "    O = " + call + "\n    return O\n\n";
      }
      Json packed = packArgs(data);
      v.args.assign(1, packed);
      g.vectors.push_back(std::move(v));
    }
  }

  std::string source = "from dsl import *\n\n";
  for (auto &[k, g] : groups)
    source += g.source;
  CompiledSolvers compiled;
  compiled.setOrder("canonical"); // the vectors' order
  if (llvm::Error e = compiled.compileSource(source, "golden.py")) {
    llvm::errs() << "arcdsl-golden: error: " << llvm::toString(std::move(e))
                 << "\n";
    return 1;
  }

  HostArena arena(256ull << 20);
  if (!arena.ok()) {
    llvm::errs() << "arcdsl-golden: error: cannot reserve the arena\n";
    return 2;
  }
  std::map<std::string, unsigned> checked, bad;
  std::set<std::string> unsupported;
  unsigned total = 0, mismatches = 0;
  for (auto &[k, g] : groups) {
    SolverFn fn = compiled.lookup(g.fnName);
    if (!fn) {
      auto it = compiled.issues().find(g.fnName);
      unsupported.insert(g.prim + " (" +
                         (it != compiled.issues().end() ? it->second.detail
                                                        : "not compiled") +
                         ")");
      skipped["not compiled"] += g.vectors.size();
      continue;
    }
    for (const Vector &v : g.vectors) {
      ArcCtx ctx = arena.fresh(1000000000ull);
      std::string err;
      av in = jsonToValue(&ctx, v.args[0], &err);
      if (ctx.err || !err.empty()) {
        ++skipped["argument does not fit the value model"];
        continue;
      }
      av out = fn(&ctx, in);
      bool ok;
      std::string got;
      if (v.isError) {
        ok = ctx.err != 0;
        got = ok ? "" : valueToJson(&ctx, out);
      } else if (ctx.err) {
        ok = false;
        got = std::string("error ") + errorName(ctx.err);
      } else {
        uint32_t savedErr = ctx.err;
        av want = jsonToValue(&ctx, v.result, &err);
        if (ctx.err != savedErr || !err.empty()) {
          ++skipped["result does not fit the value model"];
          continue;
        }
        ok = equalValues(&ctx, out, want) && isCanonical(&ctx, out);
        got = valueToJson(&ctx, out);
      }
      ++total;
      ++checked[g.prim];
      if (!ok) {
        ++mismatches;
        if (bad[g.prim]++ < show) {
          std::string line = v.line.size() > 400 ? v.line.substr(0, 400) + "..."
                                                 : v.line;
          if (got.size() > 300)
            got = got.substr(0, 300) + "...";
          llvm::outs() << "MISMATCH " << g.prim << ": " << line
                       << "\n  got: " << got << "\n";
        }
      }
    }
  }
  for (auto &[p, n] : checked)
    if (bad.count(p))
      llvm::outs() << p << ": " << bad[p] << " of " << n << " vectors wrong\n";
  std::string skips;
  for (auto &[why, n] : skipped)
    skips += (skips.empty() ? "" : ", ") + std::to_string(n) + " " + why;
  for (const std::string &u : unsupported)
    llvm::outs() << "not compiled: " << u << "\n";
  llvm::outs() << "golden (compiled): checked " << total << " vectors in "
               << checked.size() << " primitives (" << nfiles
               << " files), " << mismatches << " mismatches"
               << (skips.empty() ? "" : "; skipped " + skips) << "\n";
  return (mismatches || total == 0) ? 1 : 0;
}
