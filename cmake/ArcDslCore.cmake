# libarcdsl-core.so: the whole compiler and runtime of a wheel build
# (ARCDSL_WHEEL) in one shared object -- the arcdsl libraries, the pieces of
# the static LLVM/MLIR archives they and the tools use, and libstdc++ linked
# statically -- so that the tools and the Python module need nothing beyond
# libc, libm and libgcc_s (scripts/build-wheel.sh, docs/install.md).
#
# What the core takes from the archives is what its clients (the tools'
# and the module's objects, registered by arcdsl_core_client) leave
# undefined: their undefined symbols become -u options of the core's link
# and the whole of its export list (cmake/UndefinedSymbols.cmake).
get_property(_clients GLOBAL PROPERTY ARCDSL_CORE_CLIENTS)
set(_objects)
foreach(_c ${_clients})
  list(APPEND _objects $<TARGET_OBJECTS:${_c}>)
endforeach()
set(_list ${CMAKE_BINARY_DIR}/lib/arcdsl-core-clients.txt)
file(GENERATE OUTPUT ${_list} CONTENT "$<JOIN:${_objects},\n>\n")
set(_rsp ${CMAKE_BINARY_DIR}/lib/arcdsl-core-undefined.rsp)
set(_map ${CMAKE_BINARY_DIR}/lib/arcdsl-core-exports.map)
find_program(ARCDSL_NM NAMES llvm-nm-22 llvm-nm nm HINTS ${LLVM_TOOLS_BINARY_DIR})
add_custom_command(OUTPUT ${_rsp} ${_map}
  COMMAND ${CMAKE_COMMAND} -DNM=${ARCDSL_NM} -DLIST=${_list} -DRSP=${_rsp}
          -DMAP=${_map} -P ${PROJECT_SOURCE_DIR}/cmake/UndefinedSymbols.cmake
  DEPENDS ${_clients} ${_objects} ${_list} ${PROJECT_SOURCE_DIR}/cmake/UndefinedSymbols.cmake
  COMMENT "Symbols the core's clients need" VERBATIM)
add_custom_target(arcdsl-core-undefined DEPENDS ${_rsp} ${_map})

add_library(ArcDslCore SHARED $<TARGET_OBJECTS:ArcDslPrimitives>
            ${PROJECT_SOURCE_DIR}/lib/Runtime/GlibcCompat.c)
add_dependencies(ArcDslCore arcdsl-core-undefined)
set_target_properties(ArcDslCore PROPERTIES
  OUTPUT_NAME arcdsl-core
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib
  LINK_DEPENDS "${_rsp};${_map}")
target_link_libraries(ArcDslCore PRIVATE
  MLIRArcDslRunner ArcDslRuntime
  MLIROptLib MLIRTranslateLib
  MLIRArcDsl MLIRArcDslTransforms MLIRArcDslToLLVM MLIRArcDslPipelines
  MLIRArcDslImportPython
  MLIRFuncDialect MLIRLLVMDialect MLIRSCFDialect MLIRArithDialect
  MLIRControlFlowDialect MLIRTransforms MLIRGPUDialect MLIRGPUTransforms
  MLIRNVVMDialect MLIRNVVMTarget
  MLIRBuiltinToLLVMIRTranslation MLIRLLVMToLLVMIRTranslation
  MLIRNVVMToLLVMIRTranslation MLIRGPUToLLVMIRTranslation
  ${ARCDSL_STATIC_LLVM_LIBS})
# The core exports what its clients use and nothing else, so that the
# linker drops the rest (--gc-sections). The clients link with -nostdlib++:
# what they use of libstdc++ is among those symbols. libgcc stays the
# system's libgcc_s (its static unwinder would need glibc 2.35).
target_link_options(ArcDslCore PRIVATE
  "@${_rsp}" "LINKER:--version-script=${_map}" "LINKER:--undefined-version"
  "LINKER:--gc-sections" "LINKER:--icf=all" "LINKER:--strip-debug"
  -static-libstdc++ "LINKER:--as-needed" "LINKER:-Bsymbolic-functions")
