# Wheel builds (ARCDSL_WHEEL) link Debian's static LLVM/MLIR archives. Its
# exported MLIR targets name the shared libLLVM/libMLIR ("LLVM", "MLIR") as
# their dependencies, since Debian builds with LLVM_LINK_LLVM_DYLIB: those
# names are removed here, and ARCDSL_STATIC_LLVM_LIBS lists every static
# archive instead (lld takes from archives what is needed, in any order).
find_library(ARCDSL_LIBZ_A NAMES libz.a REQUIRED)
find_library(ARCDSL_LIBZSTD_A NAMES libzstd.a REQUIRED) # Debian: libzstd-dev
get_directory_property(_imported IMPORTED_TARGETS)
foreach(_t ${_imported})
  get_target_property(_type ${_t} TYPE)
  if(_type STREQUAL "INTERFACE_LIBRARY")
    continue()
  endif()
  get_target_property(_deps ${_t} INTERFACE_LINK_LIBRARIES)
  if(_deps)
    list(REMOVE_ITEM _deps LLVM MLIR)
    # Compression (LLVMSupport) from the static archives, and no Z3.
    list(TRANSFORM _deps REPLACE "^ZLIB::ZLIB$" "${ARCDSL_LIBZ_A}")
    list(TRANSFORM _deps REPLACE "^zstd::libzstd_shared$" "${ARCDSL_LIBZSTD_A}")
    list(FILTER _deps EXCLUDE REGEX "libz3")
    set_target_properties(${_t} PROPERTIES INTERFACE_LINK_LIBRARIES "${_deps}")
  endif()
endforeach()
file(GLOB _llvm_archives ${LLVM_LIBRARY_DIR}/libLLVM*.a)
file(GLOB _mlir_archives ${LLVM_LIBRARY_DIR}/libMLIR*.a)
list(FILTER _mlir_archives EXCLUDE REGEX "/libMLIR(Test|.*Test|.*TestPasses)[^/]*\\.a$")
set(ARCDSL_STATIC_LLVM_LIBS ${_mlir_archives} ${_llvm_archives})
