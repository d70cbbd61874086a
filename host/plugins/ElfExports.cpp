#include "plugins/ElfExports.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace manifold::plugins {
namespace {

// The ELF64 layouts (System V ABI), little-endian, as <elf.h> gives them; kept
// here so the check builds wherever the host does.
struct Header {
  unsigned char ident[16];
  uint16_t type, machine;
  uint32_t version;
  uint64_t entry, phoff, shoff;
  uint32_t flags;
  uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct Section {
  uint32_t name, type;
  uint64_t flags, addr, offset, size;
  uint32_t link, info;
  uint64_t addralign, entsize;
};
struct Symbol {
  uint32_t name;
  unsigned char info, other;
  uint16_t shndx;
  uint64_t value, size;
};
static_assert(sizeof(Header) == 64 && sizeof(Section) == 64 && sizeof(Symbol) == 24);

constexpr uint32_t kDynamicSymbols = 11;  // SHT_DYNSYM
constexpr unsigned char kGlobal = 1, kWeak = 2, kFunction = 2, kDefaultVisibility = 0;

template <class T>
bool readAt(const std::vector<char>& file, uint64_t offset, T& out) {
  if (offset > file.size() || file.size() - offset < sizeof(T)) return false;
  std::memcpy(&out, file.data() + offset, sizeof(T));
  return true;
}

}  // namespace

bool elfExportsSymbol(const std::string& path, std::string_view symbol, std::string& problem) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = "not a loadable shared library (cannot read it)";
    return false;
  }
  const std::vector<char> file{std::istreambuf_iterator<char>(in), {}};
  Header header{};
  if (!readAt(file, 0, header) ||
      std::memcmp(header.ident,
                  "\x7f"
                  "ELF",
                  4) != 0 ||
      header.ident[4] != 2 /* 64-bit */ || header.ident[5] != 1 /* little-endian */) {
    problem = "not a loadable shared library (not a 64-bit little-endian ELF file)";
    return false;
  }
  if (header.shentsize != sizeof(Section)) {
    problem = "not a loadable shared library (unexpected ELF section header size)";
    return false;
  }
  for (uint16_t i = 0; i < header.shnum; ++i) {
    Section table{};
    if (!readAt(file, header.shoff + uint64_t{i} * sizeof(Section), table)) break;
    if (table.type != kDynamicSymbols) continue;
    Section names{};
    if (!readAt(file, header.shoff + uint64_t{table.link} * sizeof(Section), names) ||
        names.offset > file.size() || file.size() - names.offset < names.size)
      break;
    for (uint64_t at = 0; at + sizeof(Symbol) <= table.size; at += sizeof(Symbol)) {
      Symbol s{};
      if (!readAt(file, table.offset + at, s)) break;
      const unsigned char binding = s.info >> 4, type = s.info & 0xf;
      if (s.shndx == 0 || (binding != kGlobal && binding != kWeak) || type != kFunction ||
          (s.other & 0x3) != kDefaultVisibility || s.name >= names.size)
        continue;
      const char* name = file.data() + names.offset + s.name;
      const size_t room = names.size - s.name;
      if (std::string_view(name, strnlen(name, room)) == symbol) return true;
    }
    return false;
  }
  return false;
}

}  // namespace manifold::plugins
