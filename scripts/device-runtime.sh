# Sourced by the device scripts (the GPU machine has cmake, ninja and CUDA,
# no LLVM/MLIR): builds the runtime alone (-DARCDSL_RUNTIME_ONLY=ON) into
# /tmp/arcdsl-rt and sets $host to its arcdsl-host; exits 2 when the build
# fails. Needs $root (the checkout).
cmake -S "$root" -B /tmp/arcdsl-rt -G Ninja -DARCDSL_RUNTIME_ONLY=ON \
  -DCMAKE_BUILD_TYPE=Release >/dev/null && ninja -C /tmp/arcdsl-rt >/dev/null \
  || { echo "runtime build failed"; exit 2; }
host=/tmp/arcdsl-rt/bin/arcdsl-host
