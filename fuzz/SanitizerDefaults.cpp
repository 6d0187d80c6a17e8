//===- SanitizerDefaults.cpp - ASan options of the MLIR fuzz targets ---===//
//
// allow_user_poisoning=0: LLVM's allocators poison and unpoison memory
// when the code that inlines them is built with ASan; our instrumented code
// inlines them while the uninstrumented LLVM/MLIR libraries do not, which
// gives false use-after-poison reports. detect_leaks=0: MLIR's uniqued
// storage lives until exit. ASAN_OPTIONS in the environment still wins.
//===----------------------------------------------------------------------===//

extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0:detect_leaks=0";
}
