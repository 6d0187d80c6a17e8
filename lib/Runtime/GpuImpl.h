//===- GpuImpl.h - the CUDA device's state, inside the runtime --*- C++ -*-===//
//
// GpuDevice's private part, shared by the files of the CUDA runtime
// (GpuRuntime.cpp: opening and loading; GpuBatch.cpp: running batches).
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_RUNTIME_GPUIMPL_H
#define ARCDSL_LIB_RUNTIME_GPUIMPL_H

#include "ArcDsl/Runtime/GpuRuntime.h"
#include "CudaDriver.h"

#include <map>
#include <string>

namespace arcdsl {
namespace runtime {

struct GpuDevice::Impl {
  cuda::Driver cu;
  cuda::CUdevice dev = 0;
  cuda::CUcontext ctx = nullptr;
  cuda::CUmodule module = nullptr;
  cuda::CUfunction dispatch = nullptr;
  std::map<std::string, uint32_t> dispatchIndex;

  bool check(cuda::CUresult r, const char *what, std::string &error) {
    if (r == 0)
      return true;
    error = std::string(what) + " failed: " + cu.errorName(r);
    return false;
  }
};

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_LIB_RUNTIME_GPUIMPL_H
