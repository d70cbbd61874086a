#pragma once

#include <string>
#include <string_view>

namespace manifold::plugins {

/// Whether the ELF shared object at `path` exports `symbol`: a defined,
/// global or weak, default-visibility function in its dynamic symbol table,
/// which is what dlsym finds. Read from the file, without loading it, so a
/// library that is not a plugin never runs a constructor. The dynamic table
/// survives `strip`; Boost.DLL 1.74's library_info reads only .symtab, which
/// strip removes, so a stripped plugin would look empty to it.
/// On a file that is not a readable 64-bit little-endian ELF object, returns
/// false and says why in `problem`.
bool elfExportsSymbol(const std::string& path, std::string_view symbol, std::string& problem);

}  // namespace manifold::plugins
