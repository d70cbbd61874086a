# manifold_add_plugin(<target> SOURCES <files...> [OUTPUT_DIRECTORY <dir>])
#
# Builds a Manifold plugin: a shared module with hidden visibility that
# exports exactly one symbol, manifold_plugin_entry. Everything else a plugin
# links (including a static C++ runtime, if any) stays private to it. On
# Linux that is a .so; with mingw-w64 (mingw-w64-x86_64.cmake beside this
# file) a .dll with the C++ runtime linked in.
include_guard(GLOBAL)

function(manifold_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "manifold_add_plugin(${target}): SOURCES is required")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE Manifold::SDK)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  endif()
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(script ${CMAKE_CURRENT_BINARY_DIR}/${target}.exports.map)
    file(WRITE ${script} "{\n  global: manifold_plugin_entry;\n  local: *;\n};\n")
    target_link_options(${target} PRIVATE "LINKER:--version-script=${script}" "LINKER:--no-undefined")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${script})
  elseif(MINGW)
    # The entry is the only __declspec(dllexport) symbol, so ld exports nothing
    # else. The C and C++ runtimes (and winpthread) are linked in: the .dll
    # then needs only system DLLs, and no runtime it shares with the host.
    target_link_options(${target} PRIVATE -static -static-libgcc -static-libstdc++
                        "LINKER:--no-undefined")
  endif()
endfunction()
