# arcdsl_tool(NAME SOURCES src... LIBS lib...)
#
# A command-line tool over the arcdsl libraries. In the usual build it is an
# LLVM executable linked with LIBS. In a wheel build (ARCDSL_WHEEL) its
# sources become an OBJECT library whose undefined symbols select what the
# shared core (libarcdsl-core.so, cmake/ArcDslCore.cmake) takes from the
# static LLVM/MLIR archives, and the executable links the core alone.
function(arcdsl_tool name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT ARCDSL_WHEEL)
    add_llvm_executable(${name} ${ARG_SOURCES})
    llvm_update_compile_flags(${name})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
    mlir_check_all_link_libraries(${name})
    return()
  endif()
  add_library(${name}-objs OBJECT ${ARG_SOURCES})
  llvm_update_compile_flags(${name}-objs)
  # Usage requirements only (include directories, definitions).
  target_link_libraries(${name}-objs PRIVATE ${ARG_LIBS})
  set_target_properties(${name}-objs PROPERTIES POSITION_INDEPENDENT_CODE ON)
  add_executable(${name} $<TARGET_OBJECTS:${name}-objs>)
  arcdsl_link_core(${name} "$ORIGIN/../lib")
  set_target_properties(${name} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
  arcdsl_core_client(${name}-objs)
endfunction()

# Registers an OBJECT library whose undefined symbols the core must define.
function(arcdsl_core_client objs)
  set_property(GLOBAL APPEND PROPERTY ARCDSL_CORE_CLIENTS ${objs})
endfunction()

# Links TARGET with the shared core and nothing else of C++: the core holds
# the only copy of libstdc++ in the process (-nostdlib++). RUNPATH is where
# the core lies relative to TARGET in the installed package.
function(arcdsl_link_core target runpath)
  target_link_libraries(${target} PRIVATE ArcDslCore)
  target_link_options(${target} PRIVATE -nostdlib++)
  set_target_properties(${target} PROPERTIES
    INSTALL_RPATH "${runpath}" BUILD_WITH_INSTALL_RPATH ON)
endfunction()
