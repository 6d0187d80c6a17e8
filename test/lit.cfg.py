# -*- Python -*-
import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "ARCDSL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py", ".test"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.arcdsl_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%arcdsl_src", config.arcdsl_src_root))
config.substitutions.append(("%shared", config.arcdsl_shared_dir))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# The LLVM tools (FileCheck, not, count) and ours.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [config.arcdsl_tools_dir, config.llvm_tools_dir]
tools = ["arcdsl-opt", "arcdsl-translate", "arcdsl-run", "arcdsl-batt", "arcdsl-golden",
         "arcdsl-golden-test", "arcdsl-runtime-test", "arcdsl-host",
         "arcdsl-pyset-check", "arcdsl-stack-depth"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

config.substitutions.append(("%arcdsl_obj", config.arcdsl_obj_root))

# The Python module, built with pybind11 (python/CMakeLists.txt), and a
# Python with pytest to test it.
if config.python_module in ("ON", "1", "TRUE") and config.python_executable:
    config.substitutions.append(("%python", config.python_executable))
    import subprocess
    if subprocess.run([config.python_executable, "-c", "import pytest"],
                      capture_output=True).returncode == 0:
        config.available_features.add("python-module")

if os.path.isdir(os.path.join(config.arcdsl_shared_dir, "golden")):
    config.available_features.add("golden")

# The C++ compiler, to link ahead-of-time compiled solvers into a shared
# object.
if os.path.exists(config.host_cxx):
    config.available_features.add("host-linker")
    config.substitutions.append(("%host_cxx", config.host_cxx))

# ptxas (CUDA toolkit) checks the PTX we emit; no GPU needed.
ptxas = shutil.which("ptxas") or (
    "/usr/local/cuda/bin/ptxas" if os.path.exists("/usr/local/cuda/bin/ptxas") else None)
if ptxas:
    config.available_features.add("ptxas")
    # The toolkit's directory: `env ARCDSL_CUDA_BIN=%cuda_bin arcdsl-run
    # --emit-bundle` makes cubins with this ptxas and its nvlink.
    config.substitutions.append(("%cuda_bin", os.path.dirname(ptxas)))
    config.substitutions.append(("%ptxas", ptxas))

# A usable NVIDIA GPU (driver device nodes): GPU tests run only there and are
# reported UNSUPPORTED elsewhere.
if os.path.exists("/dev/nvidiactl") or os.path.exists("/dev/nvidia0"):
    config.available_features.add("cuda-gpu")

# The build directory's ninja, to check what `ninja check-arcdsl` depends on.
ninja = shutil.which("ninja") or shutil.which("ninja-build")
if ninja and os.path.exists(os.path.join(config.arcdsl_obj_root, "build.ninja")):
    config.available_features.add("ninja-build")
# The libFuzzer targets (ARCDSL_FUZZ=ON builds): test/fuzz replays the
# inputs of fuzz/regressions/ through them.
if all(os.path.exists(os.path.join(config.arcdsl_tools_dir, t))
       for t in ("fuzz-import", "fuzz-pipelines", "fuzz-taskjson", "fuzz-prims")):
    config.available_features.add("fuzz-targets")
    config.substitutions.append(("%fuzz_bin", config.arcdsl_tools_dir))
# A sanitized build (ARCDSL_SANITIZE): MLIR's uniqued storage lives until
# exit, so leak reports are noise.
if config.arcdsl_sanitize:
    config.available_features.add("sanitize")
    config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0:detect_leaks=0"
