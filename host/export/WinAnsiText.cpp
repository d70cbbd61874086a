#include "export/WinAnsiText.h"

#include <manifold/json.hpp>

#include <cstdint>

namespace manifold::exporting {
namespace {

/// The Windows-1252 byte of a code point from its 0x80-0x9F block, or 0.
char extraByte(uint32_t cp) {
  struct Pair {
    uint32_t cp;
    unsigned char byte;
  };
  static constexpr Pair extras[] = {{0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84},
                                    {0x2026, 0x85}, {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88},
                                    {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
                                    {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93},
                                    {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
                                    {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
                                    {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};
  for (const Pair& pair : extras)
    if (pair.cp == cp) return static_cast<char>(pair.byte);
  return 0;
}

uint32_t decode(std::string_view s, size_t i, size_t length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (length == 1) return byte(0);
  uint32_t cp = byte(0) & (0xFF >> (length + 1));
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
  return cp;
}

}  // namespace

std::string toWinAnsi(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const size_t length = json::detail::utf8SequenceLength(utf8, i);
    if (length == 0) {
      ++i;
      continue;
    }
    const uint32_t cp = decode(utf8, i, length);
    i += length;
    if (cp == '\t')
      out += "    ";
    else if (cp == '\n' || (cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF))
      out += static_cast<char>(cp);
    else if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF)
      continue;  // C1 controls, zero-width characters and byte-order marks
    else if (char byte = extraByte(cp))
      out += byte;
    else if (cp >= 0x20 && cp != 0x7F)
      out += '?';
  }
  return out;
}

}  // namespace manifold::exporting
