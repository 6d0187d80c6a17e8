//===- GpuBindings.cpp - run_many through the GPU runtime's jobs ----------===//
//
// `_arcdsl.run_jobs` runs (SolverFile, function index, input) samples the
// way arcdsl-run's GPU backend does: per solver file, one Job per solver
// over a Task holding the inputs, its kernel bundle loaded into the
// process's one GpuDevice, runJobsOnGpu with the file's JIT code for the
// samples that outgrow the GPU's light pass. Without the GPU (the test
// hook) runJobsOnGpu runs every sample on host threads through the same
// jobs, results and JSON. `_arcdsl.gpu_status` says whether a GPU is usable.
//===----------------------------------------------------------------------===//

#include "ArcDslModule.h"

#include "ArcDsl/Runtime/TaskSet.h"

#include <cmath>
#include <iterator>
#include <map>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace arcdsl;
using namespace arcdsl::python;
using namespace arcdsl::runtime;

namespace {

/// The process's GPU: opened on first use, once (a failure is remembered),
/// and never closed (the driver tears it down at exit).
struct ProcessGpu {
  std::mutex lock; ///< held while the device loads or runs
  bool tried = false;
  std::unique_ptr<GpuDevice> device;
  std::string why;  ///< why there is none
  std::string chip; ///< the bundles' chip for this device
  bool sass = false; ///< whether the device runs that chip's SASS
  uint64_t loaded = 0; ///< serial of the SolverFile whose bundle is loaded
};

ProcessGpu &processGpu() {
  static ProcessGpu *gpu = new ProcessGpu; // never destroyed: see above
  return *gpu;
}

/// The chip of the primitive libraries (sm_75, sm_80, sm_89, sm_90) that
/// a device of compute capability `cc` (major * 10 + minor) runs: the
/// newest not newer than it (the driver JIT-compiles PTX for newer chips).
/// Empty for a device older than sm_75.
std::string chipFor(int cc) {
  if (cc == 0)
    return "sm_90"; // the driver did not say: arcdsl-run's default
  for (int k = std::size(kLibraryChips) - 1; k >= 0; --k)
    if (cc >= smNumber(kLibraryChips[k]))
      return kLibraryChips[k];
  return "";
}

/// The opened device, or null and `why`. Call with the lock held.
GpuDevice *openGpu(ProcessGpu &g, std::string &why) {
  if (!g.tried) {
    g.tried = true;
    g.device = GpuDevice::open(g.why);
    if (g.device) {
      int cc = g.device->computeCapability();
      g.chip = chipFor(cc);
      g.sass = cc == 0 || !sassChipFor({g.chip}, cc).empty();
      if (g.chip.empty()) {
        g.why = g.device->name() + " (compute capability " +
                std::to_string(cc / 10) + "." + std::to_string(cc % 10) +
                ") is older than sm_75";
        g.device.reset();
      }
    }
  }
  why = g.why;
  return g.device.get();
}

/// (device name, chip, "") when a GPU is usable, else (None, None, why).
py::tuple gpuStatus() {
  ProcessGpu &g = processGpu();
  std::string why;
  GpuDevice *dev;
  std::string name;
  {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> hold(g.lock);
    dev = openGpu(g, why);
    if (dev)
      name = dev->name();
  }
  if (!dev)
    return py::make_tuple(py::none(), py::none(), why);
  return py::make_tuple(name, g.chip, "");
}

/// A value's canonical JSON (valueToJson) as the Python value the CPU
/// path's conversion gives for it.
py::object jsonPy(const Json &j, const py::object &makeFn) {
  switch (j.kind) {
  case Json::Null:
    return py::none();
  case Json::Bool:
    return py::bool_(j.b);
  case Json::Number:
    return py::int_(j.i);
  case Json::String:
    return py::str(j.str);
  case Json::Array: {
    py::tuple t(j.arr.size());
    for (size_t k = 0; k < j.arr.size(); ++k)
      t[k] = jsonPy(j.arr[k], makeFn);
    return t;
  }
  case Json::Object:
    break;
  }
  if (const Json *set = j.get("set")) {
    py::list items;
    for (const Json &e : set->arr)
      items.append(jsonPy(e, makeFn));
    return py::reinterpret_steal<py::object>(PyFrozenSet_New(items.ptr()));
  }
  if (const Json *fn = j.get("fn"))
    return makeFn(fn->str);
  if (const Json *repr = j.get("repr")) { // math.nan itself, as the CPU path
    py::object math = py::module_::import("math");
    if (repr->str == "nan")
      return math.attr("nan");
    return repr->str == "inf" ? py::object(math.attr("inf"))
                              : py::object(py::float_(-HUGE_VAL));
  }
  return py::none(); // an error inside a value: None, as the CPU path
}

/// One solver file's share of a run_jobs call.
struct FileRun {
  SolverFile *file;
  Task task; ///< the file's inputs (one pair per distinct input object)
  std::map<PyObject *, size_t> pairOf;
  std::vector<Job> jobs; ///< one per solver
  std::map<size_t, size_t> jobOf; ///< function index -> job
  std::vector<std::vector<SampleOutput>> outs;
};

/// Run samples (SolverFile, function index, input) through runJobsOnGpu:
/// on the GPU with `useGpu`, else all on host threads; per sample (None,
/// value) or (error name, None), as run_many.
py::list runJobs(const py::list &samples, unsigned threads, int64_t arenaMb,
                 int64_t workLimit, double timeout, const py::object &makeFn,
                 bool useGpu) {
  checkRunOptions(arenaMb, workLimit);
  size_t n = samples.size();
  std::vector<std::unique_ptr<FileRun>> runs;
  std::map<uint64_t, size_t> runOf; // file serial -> runs index
  struct Where {
    size_t run, job, sample;
  };
  std::vector<Where> where(n);
  for (size_t k = 0; k < n; ++k) {
    py::tuple t = samples[k].cast<py::tuple>();
    if (t.size() != 3)
      throw py::value_error("arcdsl: a sample is (solvers, index, input)");
    SolverFile &file = t[0].cast<SolverFile &>();
    size_t index = t[1].cast<size_t>();
    if (!file.entry(index))
      throw py::value_error("arcdsl: sample names a function that did not "
                            "compile");
    auto [it, added] = runOf.emplace(file.serial(), runs.size());
    if (added) {
      runs.push_back(std::make_unique<FileRun>());
      runs.back()->file = &file;
    }
    FileRun &r = *runs[it->second];
    auto [pair, newPair] = r.pairOf.emplace(t[2].ptr(), r.task.pairs.size());
    if (newPair) {
      r.task.pairs.emplace_back();
      r.task.pairs.back().input = toJson(t[2]);
    }
    auto [job, newJob] = r.jobOf.emplace(index, r.jobs.size());
    if (newJob) {
      r.jobs.emplace_back();
      r.jobs.back().solver = file.name(index);
    }
    std::vector<std::pair<const Task *, size_t>> &js =
        r.jobs[job->second].samples;
    where[k] = {it->second, job->second, js.size()};
    js.push_back({&r.task, pair->second});
  }
  uint64_t arenaBytes = (uint64_t)arenaMb << 20;
  std::string error;
  {
    py::gil_scoped_release release;
    ProcessGpu &g = processGpu();
    for (auto &r : runs) {
      const CompiledSolvers &code = r->file->solvers();
      BatchOptions opts;
      opts.host = [&code](const std::string &name) {
        return code.lookup(name);
      };
      opts.hostThreads = threads;
      opts.sampleSeconds = timeout;
      std::unique_lock<std::mutex> hold(g.lock, std::defer_lock);
      GpuDevice *dev = nullptr;
      if (useGpu) {
        hold.lock();
        std::string why;
        dev = openGpu(g, why);
        if (!dev) {
          error = "no usable GPU: " + why;
          break;
        }
        const KernelBundle *bundle = r->file->gpuBundle(g.chip, g.sass, error);
        if (!bundle) {
          error = "building the GPU kernels failed: " + error;
          break;
        }
        if (g.loaded != r->file->serial()) {
          g.loaded = 0;
          if (!dev->load(*bundle, error))
            break;
          g.loaded = r->file->serial();
        }
      }
      HostArena arena(arenaBytes);
      if (!arena.ok()) {
        error = "cannot map the run arenas";
        break;
      }
      if (!runJobsOnGpu(dev, r->jobs, arena, (uint64_t)workLimit, arenaBytes,
                        r->outs, error, &opts))
        break;
    }
  }
  if (!error.empty())
    throw std::runtime_error("arcdsl: " + error);
  py::list out;
  for (size_t k = 0; k < n; ++k) {
    const Where &w = where[k];
    const SampleOutput &o = runs[w.run]->outs[w.job][w.sample];
    Json value;
    std::string bad;
    if (!o.status && !parseJson(o.value, value, bad))
      out.append(py::make_tuple(py::str("BadResult"), py::none()));
    else if (o.status)
      out.append(py::make_tuple(py::str(errorName(o.status)), py::none()));
    else
      out.append(py::make_tuple(py::none(), jsonPy(value, makeFn)));
  }
  return out;
}

} // namespace

void arcdsl::python::defineGpuBindings(py::module_ &m) {
  m.def("gpu_status", &gpuStatus);
  m.def("run_jobs", &runJobs, py::arg("samples"), py::arg("threads"),
        py::arg("arena_mb"), py::arg("work_limit"), py::arg("timeout"),
        py::arg("make_fn"), py::arg("use_gpu"));
}
