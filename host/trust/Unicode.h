#pragma once

#include <cstddef>
#include <string_view>

namespace manifold::trust {

/// One step of decoding UTF-8.
struct Utf8Step {
  char32_t codePoint = 0;  ///< U+FFFD when !valid
  size_t length = 1;       ///< bytes consumed; at least 1
  bool valid = true;
};

/// Decodes the character at `at` (< text.size()). An ill-formed sequence
/// (overlong, a surrogate, above U+10FFFF, cut short, a stray continuation
/// byte) is invalid and consumes its maximal subpart, as Unicode recommends
/// for replacement: a single U+FFFD stands for it.
Utf8Step decodeUtf8(std::string_view text, size_t at);

/// Characters that change what a model reads while showing nothing to a
/// person: zero-width characters (U+200B..U+200D, U+2060, U+FEFF), bidi
/// marks, overrides and isolates (U+200E, U+200F, U+061C, U+202A..U+202E,
/// U+2066..U+2069), tag characters (U+E0000..U+E007F), and C0 controls, DEL
/// and C1 controls other than tab, line feed and carriage return.
bool isInvisible(char32_t c);

}  // namespace manifold::trust
