//===- Cubins.cpp - SASS for a kernel bundle, made by ptxas and nvlink ----===//
//
// See Cubins.h. Each chip is two or three processes of the CUDA toolkit:
// ptxas -c of the kernels' PTX, ptxas -c of the library's PTX when its
// object was not built with the library, then nvlink of the two.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runner/Cubins.h"
#include "ArcDsl/Pipelines/Pipelines.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace arcdsl;

llvm::Expected<std::vector<std::string>>
arcdsl::parseCubinChips(llvm::StringRef spec, llvm::StringRef chip) {
  std::vector<std::string> out;
  int oldest = runtime::smNumber(chip.str());
  if (oldest < 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "bad chip '" + chip + "' (sm_XY)");
  if (spec == "none")
    return out;
  if (spec == "all") {
    for (const char *c : runtime::kLibraryChips)
      if (runtime::smNumber(c) >= oldest)
        out.push_back(c);
    return out;
  }
  llvm::SmallVector<llvm::StringRef> parts;
  spec.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef c : parts) {
    c = c.trim();
    if (runtime::smNumber(c.str()) < 0)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "bad chip '" + c +
                                         "' in --cubins (sm_XY, all, none)");
    if (runtime::smNumber(c.str()) < oldest)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "--cubins " + c + " is older than --chip " + chip +
              ": SASS is made from the PTX, whose chip must be the oldest");
    out.push_back(c.str());
  }
  return out;
}

std::string arcdsl::cubinSummary(const runtime::KernelBundle &bundle,
                                 double seconds) {
  if (bundle.cubins.empty())
    return {};
  std::string s = ", SASS for";
  for (const auto &[arch, image] : bundle.cubins)
    s += " " + arch;
  char t[32];
  snprintf(t, sizeof t, " (%.2f s)", seconds);
  return s + t;
}

std::string arcdsl::findCudaTool(llvm::StringRef name) {
  std::vector<std::string> dirs;
  if (const char *d = std::getenv("ARCDSL_CUDA_BIN")) {
    // Set: there and nowhere else.
    llvm::SmallString<256> p(d);
    llvm::sys::path::append(p, name);
    return llvm::sys::fs::can_execute(p) ? std::string(p) : std::string();
  }
  for (const char *var : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *d = std::getenv(var))
      dirs.push_back(std::string(d) + "/bin");
  dirs.push_back("/usr/local/cuda/bin");
  for (const std::string &d : dirs) {
    llvm::SmallString<256> p(d);
    llvm::sys::path::append(p, name);
    if (llvm::sys::fs::can_execute(p))
      return std::string(p);
  }
  if (auto p = llvm::sys::findProgramByName(name))
    return *p;
  return {};
}

namespace {

/// A temporary file removed at the end of its scope.
struct TempFile {
  llvm::SmallString<128> path;
  explicit TempFile(llvm::StringRef suffix) {
    if (llvm::sys::fs::createTemporaryFile("arcdsl-cubin", suffix, path))
      path.clear();
  }
  ~TempFile() {
    if (!path.empty())
      llvm::sys::fs::remove(path);
  }
};

/// Runs `args` (args[0] the program) with stdout and stderr into a file;
/// the empty string when it exits 0, else what it printed.
std::string runTool(std::vector<std::string> args) {
  TempFile log(".log");
  std::vector<llvm::StringRef> argv(args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.path.str(),
                                                log.path.str()};
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(args[0], argv, std::nullopt, redirects,
                                     /*SecondsToWait=*/0, /*MemoryLimit=*/0,
                                     &error);
  if (rc == 0)
    return {};
  std::string out = llvm::sys::path::filename(args[0]).str() + " exited " +
                    std::to_string(rc) + (error.empty() ? "" : ": " + error);
  if (auto text = llvm::MemoryBuffer::getFile(log.path))
    out += "\n" + (*text)->getBuffer().take_back(4000).str();
  return out;
}

/// One chip's cubin into `out`; the empty string, or why not.
std::string cubinOf(const std::string &ptxas, const std::string &nvlink,
                    const std::string &ptxFile, const std::string &chip,
                    std::string &out) {
  TempFile kernels(".o"), linked(".cubin");
  if (kernels.path.empty() || linked.path.empty())
    return "cannot create a temporary file";
  std::string arch = "-arch=" + chip;
  if (std::string e = runTool({ptxas, arch, "-c", "-O3", ptxFile, "-o",
                               std::string(kernels.path)});
      !e.empty())
    return e;
  std::string library = defaultLibraryObjectPath(chip);
  TempFile made(".o");
  if (!llvm::sys::fs::exists(library)) {
    std::string libraryPtx = defaultLibraryPtxPath(chip);
    if (!llvm::sys::fs::exists(libraryPtx))
      return "no primitive library for " + chip + " (" + libraryPtx + ")";
    if (std::string e = runTool({ptxas, arch, "-c", "-O3", libraryPtx, "-o",
                                 std::string(made.path)});
        !e.empty())
      return e;
    library = std::string(made.path);
  }
  // The dispatch loop's recursion (function values) has no static stack
  // size: the runtime sets the stack limit (GpuRuntime.cpp).
  if (std::string e = runTool({nvlink, arch, "-suppress-stack-size-warning",
                               std::string(kernels.path), library, "-o",
                               std::string(linked.path)});
      !e.empty())
    return e;
  auto image = llvm::MemoryBuffer::getFile(linked.path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
  if (!image)
    return "nvlink wrote no cubin";
  out = (*image)->getBuffer().str();
  return {};
}

} // namespace

llvm::Error arcdsl::buildCubins(const std::string &ptx,
                                llvm::ArrayRef<std::string> chips,
                                std::map<std::string, std::string> &out) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (chips.empty())
    return llvm::Error::success();
  std::string ptxas = findCudaTool("ptxas"), nvlink = findCudaTool("nvlink");
  if (ptxas.empty() || nvlink.empty())
    return fail("no CUDA toolkit (ptxas and nvlink; set ARCDSL_CUDA_BIN or "
                "CUDA_HOME)");
  TempFile ptxFile(".ptx");
  if (ptxFile.path.empty())
    return fail("cannot create a temporary file");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(ptxFile.path, ec);
    if (ec)
      return fail("cannot write " + ptxFile.path + ": " + ec.message());
    os << ptx;
  }
  std::vector<std::string> images(chips.size()), errors(chips.size());
  std::vector<std::thread> workers;
  for (size_t k = 0; k < chips.size(); ++k)
    workers.emplace_back([&, k] {
      errors[k] = cubinOf(ptxas, nvlink, std::string(ptxFile.path), chips[k],
                          images[k]);
    });
  for (std::thread &t : workers)
    t.join();
  for (size_t k = 0; k < chips.size(); ++k) {
    if (!errors[k].empty())
      return fail("cubin for " + chips[k] + ": " + errors[k]);
    out[chips[k]] = std::move(images[k]);
  }
  return llvm::Error::success();
}
