# Cross-builds for 64-bit Windows with mingw-w64 (Debian: apt-get install mingw-w64):
#   cmake -S . -B build-windows -DCMAKE_TOOLCHAIN_FILE=<sdk>/lib/cmake/ManifoldSDK/mingw-w64-x86_64.cmake \
#         -DCMAKE_PREFIX_PATH=<sdk>
# manifold_add_plugin() then makes a .dll that exports only manifold_plugin_entry
# and needs no mingw runtime DLL beside it.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(MANIFOLD_MINGW_TRIPLE x86_64-w64-mingw32)

# Debian ships two thread models; GCC 12's "win32" one lacks std::thread and
# std::mutex, so the "posix" compilers come first where they exist.
find_program(CMAKE_C_COMPILER NAMES ${MANIFOLD_MINGW_TRIPLE}-gcc-posix ${MANIFOLD_MINGW_TRIPLE}-gcc
             REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${MANIFOLD_MINGW_TRIPLE}-g++-posix ${MANIFOLD_MINGW_TRIPLE}-g++
             REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${MANIFOLD_MINGW_TRIPLE}-windres)

# Libraries and headers come from the mingw sysroot only; packages (the
# Manifold SDK is architecture-independent headers) may come from anywhere.
set(CMAKE_FIND_ROOT_PATH /usr/${MANIFOLD_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
