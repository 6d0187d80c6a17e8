//===- ArcDslModule.cpp - the `arcdsl` Python module (native part) ---------===//
//
// pybind11 bindings over the compiler and the batt runtime: a Program is a
// compiled batt file; it runs on arguments given as JSON text (the golden
// encoding) and returns JSON text, which python/arcdsl/__init__.py turns
// into the tuples the Python batt returns. Runs of a batch share the
// compiled code and go to native threads without the GIL.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runtime/Batt.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <thread>

namespace py = pybind11;
using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {

class Program {
public:
  Program(const std::string &path, const std::string &dsl, uint64_t arenaMb,
          uint64_t workLimit)
      : arenaBytes(arenaMb << 20), workLimit(workLimit) {
    compiled.setDsl(dsl);
    if (llvm::Error e = compiled.compileFile(path, false))
      throw std::invalid_argument(llvm::toString(std::move(e)));
    auto issue = compiled.issues().find("batt");
    if (issue != compiled.issues().end())
      throw std::invalid_argument(path + ": batt does not compile: " +
                                  issue->second.detail);
    fn = compiled.lookup("batt");
    if (!fn)
      throw std::invalid_argument(path + ": no `def batt(...)` in the file");
    std::string why;
    if (!parseBattLayout(compiled.battLayout("batt"), layout, why))
      throw std::runtime_error("internal: bad batt layout: " + why);
  }

  /// One run: args is the JSON array [S, I, C]. Returns the lists as a JSON
  /// object, or {"error": name} when the batt raised.
  std::string run(const std::string &args) const {
    Json j;
    std::string why;
    if (!parseJson(args, j, why))
      throw std::invalid_argument("arguments: " + why);
    HostArena full(arenaBytes), small(std::min<uint64_t>(1ull << 20, arenaBytes));
    if (!full.ok() || !small.ok())
      throw std::runtime_error("cannot map the run arena");
    return runOne(j, full, small);
  }

  std::vector<std::string> runBatch(const std::vector<std::string> &args,
                                    unsigned threads) const {
    std::vector<Json> inputs(args.size());
    for (size_t k = 0; k < args.size(); ++k) {
      std::string why;
      if (!parseJson(args[k], inputs[k], why))
        throw std::invalid_argument("arguments of sample " +
                                    std::to_string(k) + ": " + why);
    }
    std::vector<std::string> out(args.size());
    {
      py::gil_scoped_release release;
      std::atomic<size_t> next{0};
      std::atomic<bool> noArena{false};
      auto worker = [&]() {
        HostArena full(arenaBytes),
            small(std::min<uint64_t>(1ull << 20, arenaBytes));
        if (!full.ok() || !small.ok()) {
          noArena = true;
          return;
        }
        for (size_t i; (i = next++) < inputs.size();)
          out[i] = runOne(inputs[i], full, small);
      };
      if (!threads)
        threads = std::max(1u, std::thread::hardware_concurrency());
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(worker);
      for (std::thread &t : pool)
        t.join();
      if (noArena)
        throw std::runtime_error("cannot map the run arenas");
    }
    return out;
  }

  unsigned warnings() const { return compiled.warnings; }
  std::string layoutJson() const { return compiled.battLayout("batt"); }

private:
  std::string runOne(const Json &args, const HostArena &full,
                     const HostArena &small) const {
    ArcCtx ctx;
    std::string bad;
    av out = runSample(
        fn, small, full, workLimit,
        [&](ArcCtx *c) { return jsonToValue(c, args, &bad); }, ctx);
    if (!bad.empty())
      return "{\"error\":\"ArgumentError\",\"detail\":\"" + bad + "\"}";
    std::string lists = battListsJson(&ctx, out, layout);
    if (ctx.err || lists.empty()) {
      std::string e = "{\"error\":";
      appendJsonString(e, ctx.err ? errorName(ctx.err) : "BadResult");
      return e + "}";
    }
    return lists;
  }

  CompiledSolvers compiled;
  SolverFn fn = nullptr;
  BattLayout layout;
  uint64_t arenaBytes, workLimit;
};

} // namespace

PYBIND11_MODULE(_arcdsl, m) {
  m.doc() = "arcdsl native core (use the `arcdsl` package)";
  py::class_<Program>(m, "Program")
      .def(py::init<const std::string &, const std::string &, uint64_t,
                    uint64_t>(),
           py::arg("path"), py::arg("dsl") = "", py::arg("arena_mb") = 256,
           py::arg("work_limit") = kDefaultWorkLimit)
      .def("run_json", &Program::run, py::arg("args"))
      .def("run_batch_json", &Program::runBatch, py::arg("args"),
           py::arg("threads") = 0)
      .def_property_readonly("warnings", &Program::warnings)
      .def_property_readonly("layout", &Program::layoutJson);
  m.attr("DEFAULT_WORK_LIMIT") = py::int_(kDefaultWorkLimit);
}
