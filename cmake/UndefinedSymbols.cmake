# cmake -DNM=llvm-nm -DLIST=objects.txt -DRSP=FILE.rsp -DMAP=FILE.map
#       -P UndefinedSymbols.cmake
# For the symbols the objects named in LIST leave undefined (but the C
# library's and Python's): RSP, a response file of `-Wl,-u,SYMBOL` (pull
# them out of the archives), and MAP, a version script exporting exactly
# them. Each file is rewritten only when it changes.
cmake_policy(SET CMP0007 NEW)
file(STRINGS ${LIST} _objects)
execute_process(COMMAND ${NM} --undefined-only --format=just-symbols ${_objects}
  OUTPUT_VARIABLE _syms RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${_objects}")
endif()
string(REPLACE "\n" ";" _syms "${_syms}")
list(FILTER _syms EXCLUDE REGEX "^$|:$|^_?Py|@")
list(REMOVE_DUPLICATES _syms)
list(SORT _syms)
set(_rsp "")
set(_map "{\n  global:\n")
foreach(_s ${_syms})
  string(APPEND _rsp "-Wl,-u,${_s}\n")
  string(APPEND _map "    ${_s};\n")
endforeach()
string(APPEND _map "  local: *;\n};\n")
foreach(_pair "RSP;_rsp" "MAP;_map")
  list(GET _pair 0 _var)
  list(GET _pair 1 _text)
  file(WRITE ${${_var}}.tmp "${${_text}}")
  execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${${_var}}.tmp ${${_var}})
  file(REMOVE ${${_var}}.tmp)
endforeach()
