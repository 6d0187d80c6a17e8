//===- CudaDriver.h - the CUDA driver API, opened at run time ---*- C++ -*-===//
//
// The few CUDA driver entry points and constants GpuRuntime.cpp uses, bound
// with dlopen/dlsym from libcuda.so.1 (like Triton's launcher), so the
// runtime builds without the CUDA toolkit and says so, instead of failing
// to load, where there is no driver. Included by GpuRuntime.cpp only.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_CUDADRIVER_H
#define ARCDSL_RUNTIME_CUDADRIVER_H

#include <dlfcn.h>
#include <string>
#include <type_traits>

namespace arcdsl {
namespace runtime {
namespace cuda {

using CUresult = int;
using CUdevice = int;
using CUcontext = void *;
using CUmodule = void *;
using CUfunction = void *;
using CUdeviceptr = unsigned long long;
constexpr int CU_LIMIT_STACK_SIZE = 0;
constexpr int CU_JIT_ERROR_LOG_BUFFER = 5;
constexpr int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
constexpr int CU_JIT_INPUT_PTX = 1;
constexpr int CU_JIT_INFO_LOG_BUFFER = 3;
constexpr int CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
constexpr int CU_JIT_LOG_VERBOSE = 12;
constexpr int CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES = 3;
constexpr int CU_FUNC_ATTRIBUTE_NUM_REGS = 4;
constexpr int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
constexpr CUresult CUDA_ERROR_NOT_READY = 600;
constexpr unsigned CU_MEMHOSTALLOC_DEVICEMAP = 0x02;
constexpr int CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT = 9;

struct Driver {
  void *lib = nullptr;
#define CU_FN(name, ...) CUresult (*name)(__VA_ARGS__) = nullptr;
  CU_FN(cuInit, unsigned)
  CU_FN(cuDeviceGetCount, int *)
  CU_FN(cuDeviceGet, CUdevice *, int)
  CU_FN(cuDeviceGetName, char *, int, CUdevice)
  CU_FN(cuDeviceGetAttribute, int *, int, CUdevice)
  CU_FN(cuMemsetD8, CUdeviceptr, unsigned char, size_t)
  CU_FN(cuFuncSetAttribute, CUfunction, int, int)
  CU_FN(cuDevicePrimaryCtxRetain, CUcontext *, CUdevice)
  CU_FN(cuDevicePrimaryCtxRelease, CUdevice)
  CU_FN(cuCtxSetCurrent, CUcontext)
  CU_FN(cuCtxSetLimit, int, size_t)
  CU_FN(cuCtxSynchronize)
  CU_FN(cuModuleLoadDataEx, CUmodule *, const void *, unsigned, int *, void **)
  CU_FN(cuModuleUnload, CUmodule)
  CU_FN(cuModuleGetFunction, CUfunction *, CUmodule, const char *)
  CU_FN(cuMemAlloc, CUdeviceptr *, size_t)
  CU_FN(cuMemFree, CUdeviceptr)
  CU_FN(cuMemcpyHtoD, CUdeviceptr, const void *, size_t)
  CU_FN(cuMemcpyDtoH, void *, CUdeviceptr, size_t)
  CU_FN(cuLaunchKernel, CUfunction, unsigned, unsigned, unsigned, unsigned,
        unsigned, unsigned, unsigned, void *, void **, void **)
  CU_FN(cuGetErrorName, CUresult, const char **)
  CU_FN(cuLinkCreate, unsigned, int *, void **, void **)
  CU_FN(cuLinkAddData, void *, int, void *, size_t, const char *, unsigned,
        int *, void **)
  CU_FN(cuLinkComplete, void *, void **, size_t *)
  CU_FN(cuLinkDestroy, void *)
  CU_FN(cuModuleLoadData, CUmodule *, const void *)
  CU_FN(cuMemGetInfo, size_t *, size_t *)
  CU_FN(cuStreamQuery, void *)
  CU_FN(cuMemHostAlloc, void **, size_t, unsigned)
  CU_FN(cuMemFreeHost, void *)
  CU_FN(cuMemHostGetDevicePointer, CUdeviceptr *, void *, unsigned)
  CU_FN(cuFuncGetAttribute, int *, int, CUfunction)
  CU_FN(cuCtxGetLimit, size_t *, int)
#undef CU_FN

  bool open(std::string &error) {
    lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      error = "no NVIDIA driver (libcuda.so.1 not found): the GPU backend "
              "needs an NVIDIA GPU and its driver";
      return false;
    }
    bool ok = true;
    auto bind = [&](auto &fn, const char *name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(
          dlsym(lib, name));
      if (!fn) {
        error = std::string("libcuda.so.1 lacks ") + name;
        ok = false;
      }
    };
    bind(cuInit, "cuInit");
    bind(cuDeviceGetCount, "cuDeviceGetCount");
    bind(cuDeviceGet, "cuDeviceGet");
    bind(cuDeviceGetName, "cuDeviceGetName");
    bind(cuDeviceGetAttribute, "cuDeviceGetAttribute");
    bind(cuMemsetD8, "cuMemsetD8_v2");
    bind(cuFuncSetAttribute, "cuFuncSetAttribute");
    bind(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
    bind(cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2");
    bind(cuCtxSetCurrent, "cuCtxSetCurrent");
    bind(cuCtxSetLimit, "cuCtxSetLimit");
    bind(cuCtxSynchronize, "cuCtxSynchronize");
    bind(cuModuleLoadDataEx, "cuModuleLoadDataEx");
    bind(cuModuleUnload, "cuModuleUnload");
    bind(cuModuleGetFunction, "cuModuleGetFunction");
    bind(cuMemAlloc, "cuMemAlloc_v2");
    bind(cuMemFree, "cuMemFree_v2");
    bind(cuMemcpyHtoD, "cuMemcpyHtoD_v2");
    bind(cuMemcpyDtoH, "cuMemcpyDtoH_v2");
    bind(cuLaunchKernel, "cuLaunchKernel");
    bind(cuGetErrorName, "cuGetErrorName");
    bind(cuLinkCreate, "cuLinkCreate_v2");
    bind(cuLinkAddData, "cuLinkAddData_v2");
    bind(cuLinkComplete, "cuLinkComplete");
    bind(cuLinkDestroy, "cuLinkDestroy");
    bind(cuModuleLoadData, "cuModuleLoadData");
    bind(cuMemGetInfo, "cuMemGetInfo_v2");
    bind(cuStreamQuery, "cuStreamQuery");
    bind(cuMemHostAlloc, "cuMemHostAlloc");
    bind(cuMemFreeHost, "cuMemFreeHost");
    bind(cuMemHostGetDevicePointer, "cuMemHostGetDevicePointer_v2");
    bind(cuFuncGetAttribute, "cuFuncGetAttribute");
    bind(cuCtxGetLimit, "cuCtxGetLimit");
    return ok;
  }
  std::string errorName(CUresult r) {
    const char *s = nullptr;
    if (cuGetErrorName && cuGetErrorName(r, &s) == 0 && s)
      return s;
    return "CUDA error " + std::to_string(r);
  }
};

} // namespace cuda
} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_CUDADRIVER_H
