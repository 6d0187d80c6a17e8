//===- ArcDslModule.cpp - the `arcdsl` Python module (native part) ---------===//
//
// pybind11 bindings over the compiler and the batt runtime: a Program is a
// compiled batt file; it runs (S, I, C) samples given as Python values on
// native threads without the GIL and returns the lists the Python batt
// returns, built as Python values (python/arcdsl/__init__.py wraps it).
// Solver files run through run_many here (CPU threads) or run_jobs
// (GpuBindings.cpp: the GPU runtime's jobs).
//===----------------------------------------------------------------------===//

#include "ArcDslModule.h"

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runtime/Batt.h"
#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/Team.h"

#include <cmath>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace arcdsl;
using namespace arcdsl::runtime;
using namespace arcdsl::python;

namespace {
/// How deeply an argument may nest (ARC values nest 4 or 5 levels; the
/// result path fails on values nesting 64 deep; a
/// container that holds itself would nest forever).
constexpr int kMaxArgDepth = 32;
} // namespace

/// A Python argument as JSON (ints, bools, None, tuples/lists,
/// frozensets). Ints must be in arcdsl's range (|x| < 2^59: OverflowError
/// otherwise) and nesting at most kMaxArgDepth deep (ValueError: a
/// container holding itself is caught here, not by a crash).
Json arcdsl::python::toJson(const py::handle &h, int depth) {
  Json j;
  if (depth > kMaxArgDepth)
    throw py::value_error("arcdsl: an argument nests deeper than " +
                          std::to_string(kMaxArgDepth) +
                          " levels (or contains itself)");
  if (h.is_none())
    return j;
  if (py::isinstance<py::bool_>(h)) {
    j.kind = Json::Bool;
    j.b = h.cast<bool>();
  } else if (py::isinstance<py::int_>(h)) {
    int overflow = 0;
    long long x = PyLong_AsLongLongAndOverflow(h.ptr(), &overflow);
    if (x == -1 && PyErr_Occurred())
      throw py::error_already_set();
    if (overflow || x > kIntMax || x < -kIntMax) {
      std::string text = py::str(h);
      PyErr_SetString(PyExc_OverflowError,
                      ("arcdsl: integer " + text.substr(0, 40) +
                       (text.size() > 40 ? "..." : "") +
                       " is out of arcdsl's int range (-(2**59-1) to "
                       "2**59-1)")
                          .c_str());
      throw py::error_already_set();
    }
    j.kind = Json::Number; // no spelling: jsonToString writes j.i
    j.i = x;
  } else if (PyTuple_Check(h.ptr())) { // a grid's rows and cells
    j.kind = Json::Array;
    Py_ssize_t n = PyTuple_GET_SIZE(h.ptr());
    j.arr.reserve((size_t)n);
    for (Py_ssize_t k = 0; k < n; ++k)
      j.arr.push_back(toJson(PyTuple_GET_ITEM(h.ptr(), k), depth + 1));
  } else if (py::isinstance<py::list>(h)) {
    j.kind = Json::Array;
    for (py::handle e : h)
      j.arr.push_back(toJson(e, depth + 1));
  } else if (py::isinstance<py::frozenset>(h) || py::isinstance<py::set>(h)) {
    Json elems;
    elems.kind = Json::Array;
    for (py::handle e : h)
      elems.arr.push_back(toJson(e, depth + 1));
    j.kind = Json::Object;
    j.obj.push_back({"set", std::move(elems)});
  } else {
    throw py::type_error("arcdsl: cannot pass a " +
                         std::string(py::str(h.get_type().attr("__name__"))) +
                         " to a batt");
  }
  return j;
}

void arcdsl::python::checkRunOptions(int64_t arenaMb, int64_t workLimit) {
  if (arenaMb < 1 || arenaMb > kMaxArenaMb)
    throw py::value_error("arcdsl: arena_mb must be from 1 to " +
                          std::to_string(kMaxArenaMb) + " (MiB)");
  if (workLimit < 1)
    throw py::value_error("arcdsl: work_limit must be positive");
}

SolverFile::SolverFile(const std::string &source, const std::string &name,
                       const std::string &order) {
  static std::atomic<uint64_t> serials{0};
  id = ++serials;
  if (order != "python" && order != "canonical")
    throw std::invalid_argument("order must be 'python' or 'canonical', not '" +
                                order + "'");
  compiled.setOrder(order);
  if (llvm::Error e = compiled.compileSource(source, name))
    throw std::invalid_argument(llvm::toString(std::move(e)));
  for (const std::string &fn : compiled.functions())
    fns.push_back(compiled.lookup(fn));
}

py::list SolverFile::functions() const {
  py::list out;
  for (const std::string &fn : compiled.functions()) {
    auto it = compiled.issues().find(fn);
    if (it == compiled.issues().end()) {
      out.append(py::make_tuple(fn, "", ""));
      continue;
    }
    const char *kind = it->second.kind == SolverIssue::Unsupported
                           ? "unsupported"
                       : it->second.kind == SolverIssue::NotASolver
                           ? "not-a-solver"
                           : "error";
    out.append(py::make_tuple(fn, kind, it->second.detail));
  }
  return out;
}

const KernelBundle *SolverFile::gpuBundle(const std::string &chip, bool sass,
                                          std::string &error) {
  std::lock_guard<std::mutex> hold(bundleLock);
  if (bundle && bundle->chip == chip)
    return bundle.get();
  auto made = std::make_unique<KernelBundle>();
  // SASS for this chip when the device runs it and the CUDA toolkit is
  // here (a few seconds of ptxas instead of the driver's JIT at load); PTX
  // only otherwise (a device of a newer major version JITs it anyway).
  std::vector<std::string> cubins;
  if (sass)
    cubins.push_back(chip);
  if (llvm::Error e = compiled.buildGpuBundle(chip, *made, cubins)) {
    error = llvm::toString(std::move(e));
    return nullptr;
  }
  bundle = std::move(made);
  return bundle.get();
}

namespace {

/// Samples 0..n-1 of `fn` on native threads with the GIL released, each
/// output packed into images[i] and its status (ErrCode) in status[i];
/// `seen(i, ctx, out)`, when given, sees each run on its worker thread.
void runPacked(av (*fn)(ArcCtx *, av), size_t n, unsigned threads,
               uint64_t arenaBytes, uint64_t workLimit,
               const std::function<av(ArcCtx *, size_t)> &input,
               const std::function<void(size_t, ArcCtx &, av)> &seen,
               double timeout, std::vector<std::vector<uint8_t>> &images,
               std::vector<uint32_t> &status) {
  images.assign(n, {});
  status.assign(n, 0);
  unsigned mapped;
  {
    py::gil_scoped_release release;
    mapped = runSamplesOnThreads(
        fn, n, threads, arenaBytes, workLimit, input,
        [&](size_t i, ArcCtx &ctx, av out) {
          if (!ctx.err)
            images[i] = packValue(&ctx, out);
          status[i] = ctx.err; // packing fails a value too deep to send
          if (seen)
            seen(i, ctx, out);
        },
        timeout);
  }
  if (!mapped)
    throw std::runtime_error("cannot map the run arenas");
}

/// The arena results are decoded in (under the GIL): the thread's kept
/// one, so that a call does not map and fault in a fresh arena (which costs
/// more than a small sample's run); the pages a result touched past the
/// first MiBs are given back after it (HostArena::release). A call made
/// while the kept one is in use (Python code run by the decoding calling
/// back into arcdsl) gets an arena of its own.
class DecodeArena {
public:
  explicit DecodeArena(uint64_t bytes) {
    if (!kept.busy) {
      if (!kept.arena || kept.bytes != bytes) {
        kept.arena.reset();
        kept.arena = std::make_unique<HostArena>(bytes);
        kept.bytes = bytes;
      }
      if (kept.arena->ok()) {
        kept.busy = true;
        arena = kept.arena.get();
        return;
      }
      kept.arena.reset();
    }
    own = std::make_unique<HostArena>(bytes);
    if (!own->ok())
      throw std::runtime_error("cannot map the decoding arena");
    arena = own.get();
  }
  ~DecodeArena() {
    if (!own)
      kept.busy = false;
  }
  DecodeArena(const DecodeArena &) = delete;
  DecodeArena &operator=(const DecodeArena &) = delete;
  const HostArena &operator*() const { return *arena; }
  const HostArena *operator->() const { return arena; }

private:
  struct Kept {
    std::unique_ptr<HostArena> arena;
    uint64_t bytes = 0;
    bool busy = false;
  };
  static thread_local Kept kept;
  std::unique_ptr<HostArena> own;
  const HostArena *arena = nullptr;
};
thread_local DecodeArena::Kept DecodeArena::kept;

/// A constant part of a record (the layout's JSON) as a Python value.
py::object constPy(const Json &p) {
  switch (p.kind) {
  case Json::Bool:
    return py::bool_(p.b);
  case Json::Number:
    return py::int_(p.i);
  case Json::Object:
    if (const Json *s = p.get("str")) {
      // Python's str may hold lone surrogates ("\ud800"), kept here in
      // UTF-8's form: decoded with surrogatepass, not refused.
      PyObject *u = PyUnicode_DecodeUTF8(s->str.data(),
                                         (Py_ssize_t)s->str.size(),
                                         "surrogatepass");
      if (!u)
        throw py::error_already_set();
      return py::reinterpret_steal<py::str>(u);
    }
    return py::none();
  default:
    return py::none();
  }
}

/// A value of the arena as the Python value.
py::object toPy(ArcCtx *c, av v, const py::object &makeFn) {
  switch (tagOf(v)) {
  case TAG_INT:
    return py::int_(numOf(v));
  case TAG_BOOL:
    return py::bool_(numOf(v) != 0);
  case TAG_NONE:
    return py::none();
  case TAG_FLOAT: { // math.nan itself: tokpidjin tests `x is math.nan`
    py::object math = py::module_::import("math");
    if (floatOf(v) == FLOAT_NAN)
      return math.attr("nan");
    return floatOf(v) == FLOAT_INF ? py::object(math.attr("inf"))
                                   : py::object(py::float_(-HUGE_VAL));
  }
  case TAG_FN:
    return makeFn(std::string(fnName(c, v)) + fnQualTail(c, v));
  case TAG_BOX: {
    int64_t n = arcdsl_rt_len(c, v);
    if (isSet(c, v)) {
      py::list items;
      for (int64_t k = 0; k < n; ++k)
        items.append(toPy(c, arcdsl_rt_at(c, v, k), makeFn));
      return py::reinterpret_steal<py::object>(PyFrozenSet_New(items.ptr()));
    }
    py::tuple t(n);
    for (int64_t k = 0; k < n; ++k)
      t[k] = toPy(c, arcdsl_rt_at(c, v, k), makeFn);
    return t;
  }
  default:
    if (tagOf(v) == TAG_ERR)
      return py::none();
    // PAIR, CELL and any other inline tuple: element by element.
    int64_t n = arcdsl_rt_len(c, v);
    py::tuple t(n);
    for (int64_t k = 0; k < n; ++k)
      t[k] = toPy(c, arcdsl_rt_at(c, v, k), makeFn);
    return t;
  }
}


class Program {
public:
  Program(const std::string &path, const std::string &dsl, int64_t arenaMb,
          int64_t workLimit, const std::string &order)
      : arenaBytes((uint64_t)checkArenaMb(arenaMb) << 20),
        workLimit((uint64_t)checkWorkLimit(workLimit)) {
    if (order != "python" && order != "canonical")
      throw std::invalid_argument("order must be 'python' or 'canonical', not '" +
                                  order + "'");
    compiled.setDsl(dsl);
    compiled.setOrder(order);
    if (llvm::Error e = compiled.compileBatt(path, false, fn, layout))
      throw std::invalid_argument(llvm::toString(std::move(e)));
  }

  /// Run every sample: each is a Python (S, I, C); returns per
  /// sample a tuple of the returned lists (Python values: ints, bools,
  /// None, tuples, frozensets, strings; functions through `makeFn(name)`),
  /// or the name of the exception the batt raised (a str; a dict {"error":
  /// name, "line": "t12", "at": "batt.py:57"} when the line is known).
  py::list runBatchPy(const py::list &samples, unsigned threads,
                      const py::object &makeFn, double timeout) const {
    size_t n = samples.size();
    std::vector<Json> inputs(n);
    for (size_t k = 0; k < n; ++k)
      inputs[k] = toJson(samples[k]);
    std::vector<std::vector<uint8_t>> images;
    std::vector<uint32_t> status;
    std::vector<const BattLayout::Line *> where(n);
    runPacked(
        fn, n, threads, arenaBytes, workLimit,
        [&](ArcCtx *c, size_t i) { return jsonToValue(c, inputs[i]); },
        [&](size_t i, ArcCtx &ctx, av out) {
          where[i] = battErrorLine(&ctx, out, layout);
        },
        timeout, images, status);
    DecodeArena decode(arenaBytes);
    py::list out;
    for (size_t i = 0; i < n; ++i) {
      if (status[i] && where[i]) {
        py::dict e;
        e["error"] = errorName(status[i]);
        e["line"] = where[i]->name;
        e["at"] = where[i]->at;
        out.append(e);
        continue;
      }
      if (status[i]) {
        out.append(py::str(errorName(status[i])));
        continue;
      }
      ArcCtx ctx = decode->fresh(workLimit);
      av v = unpackValue(&ctx, images[i]);
      images[i].clear();
      if ((int64_t)layout.slots > arcdsl_rt_len(&ctx, v) || ctx.err) {
        out.append(py::str("BadResult"));
        decode->release(ctx);
        continue;
      }
      std::vector<py::list> lists(layout.returns.size());
      for (const BattLayout::Record &rec : layout.records) {
        if (rec.list >= lists.size())
          continue;
        py::list parts;
        for (const Json &p : rec.parts) {
          if (const Json *slot = p.get("slot"))
            parts.append(toPy(&ctx, arcdsl_rt_at(&ctx, v, slot->i), makeFn));
          else
            parts.append(constPy(p));
        }
        if (rec.isTuple)
          lists[rec.list].append(py::tuple(parts));
        else
          lists[rec.list].append(parts[0]);
      }
      py::tuple t(lists.size());
      for (size_t k = 0; k < lists.size(); ++k)
        t[k] = lists[k];
      out.append(t);
      decode->release(ctx);
    }
    return out;
  }

  unsigned warnings() const { return compiled.warnings; }
  std::string layoutJson() const { return compiled.battLayout("batt"); }

private:
  static int64_t checkArenaMb(int64_t mb) {
    if (mb < 1 || mb > kMaxArenaMb)
      throw py::value_error("arcdsl: arena_mb must be from 1 to " +
                            std::to_string(kMaxArenaMb) + " (MiB), not " +
                            std::to_string(mb));
    return mb;
  }
  static int64_t checkWorkLimit(int64_t w) {
    if (w < 1)
      throw py::value_error("arcdsl: work_limit must be positive, not " +
                            std::to_string(w));
    return w;
  }

  CompiledSolvers compiled;
  SolverFn fn = nullptr;
  BattLayout layout;
  uint64_t arenaBytes, workLimit;
};

/// The program the current worker thread runs next (runSamplesOnThreads
/// takes one program; run_many's samples each name theirs, set by the
/// input callback on the thread that then calls callCurrent).
thread_local SolverFn currentFn = nullptr;
av callCurrent(ArcCtx *c, av in) { return currentFn(c, in); }

/// Run samples (SolverFile, function index, input) on native threads
/// without the GIL; per sample (None, value) or (error name, None).
py::list runMany(const py::list &samples, unsigned threads, int64_t arenaMb,
                 int64_t workLimit, double timeout, const py::object &makeFn) {
  checkRunOptions(arenaMb, workLimit);
  size_t n = samples.size();
  std::vector<Json> inputs(n);
  std::vector<SolverFn> fns(n);
  for (size_t k = 0; k < n; ++k) {
    py::tuple t = samples[k].cast<py::tuple>();
    if (t.size() != 3)
      throw py::value_error("arcdsl: a sample is (solvers, index, input)");
    fns[k] = t[0].cast<const SolverFile &>().entry(t[1].cast<size_t>());
    if (!fns[k])
      throw py::value_error("arcdsl: sample names a function that did not "
                            "compile");
    inputs[k] = toJson(t[2]);
  }
  uint64_t arenaBytes = (uint64_t)arenaMb << 20;
  std::vector<std::vector<uint8_t>> images;
  std::vector<uint32_t> status;
  runPacked(
      callCurrent, n, threads, arenaBytes, (uint64_t)workLimit,
      [&](ArcCtx *c, size_t i) {
        currentFn = fns[i];
        return jsonToValue(c, inputs[i]);
      },
      nullptr, timeout, images, status);
  DecodeArena decode(arenaBytes);
  py::list out;
  for (size_t i = 0; i < n; ++i) {
    if (status[i]) {
      out.append(py::make_tuple(py::str(errorName(status[i])), py::none()));
      continue;
    }
    ArcCtx ctx = decode->fresh((uint64_t)workLimit);
    av v = unpackValue(&ctx, images[i]);
    images[i].clear();
    if (ctx.err) {
      out.append(py::make_tuple(py::str(errorName(ctx.err)), py::none()));
      decode->release(ctx);
      continue;
    }
    out.append(py::make_tuple(py::none(), toPy(&ctx, v, makeFn)));
    decode->release(ctx);
  }
  return out;
}

} // namespace

void bindReport(py::module_ &m); // ReportBindings.cpp

PYBIND11_MODULE(_arcdsl, m) {
  m.doc() = "arcdsl native core (use the `arcdsl` package)";
  bindReport(m);
  py::class_<Program>(m, "Program")
      .def(py::init<const std::string &, const std::string &, int64_t,
                    int64_t, const std::string &>(),
           py::arg("path"), py::arg("dsl") = "", py::arg("arena_mb") = 2048,
           py::arg("work_limit") = kDefaultWorkLimit,
           py::arg("order") = "python")
      .def("run_batch_py", &Program::runBatchPy, py::arg("samples"),
           py::arg("threads") = 0, py::arg("make_fn"),
           py::arg("timeout") = kDefaultSampleSeconds)
      .def_property_readonly("warnings", &Program::warnings)
      .def_property_readonly("layout", &Program::layoutJson);
  py::class_<SolverFile>(m, "SolverFile")
      .def(py::init<const std::string &, const std::string &,
                    const std::string &>(),
           py::arg("source"), py::arg("name"), py::arg("order") = "python")
      .def("functions", &SolverFile::functions);
  m.def("run_many", &runMany, py::arg("samples"), py::arg("threads"),
        py::arg("arena_mb"), py::arg("work_limit"), py::arg("timeout"),
        py::arg("make_fn"));
  defineGpuBindings(m);
  m.attr("DEFAULT_WORK_LIMIT") = py::int_(kDefaultWorkLimit);
  m.attr("DEFAULT_WALL_TIMEOUT") = py::float_(kDefaultSampleSeconds);
  m.attr("DEFAULT_TIMEOUT") = py::float_(kDefaultTimeoutSeconds);
  m.attr("BATT_TIMEOUT") = py::float_(runtime::kBattTimeoutSeconds);
  m.def("set_split_threads", &runtime::setCallerHelpers, py::arg("n"),
        "helper threads for the runs made one at a time on the calling "
        "thread (Program.run): their heavy loops are shared with them");
  m.def("work_limit_for", &workLimitFor, py::arg("seconds"),
        "the bound, in cost units, of a timeout of `seconds` CPython seconds");
  m.attr("MAX_ARENA_MB") = py::int_(kMaxArenaMb);
  m.attr("MAX_ARG_DEPTH") = py::int_(kMaxArgDepth);
}
