#include "trust/Unicode.h"

namespace manifold::trust {

Utf8Step decodeUtf8(std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return {lead, 1, true};
  const Utf8Step invalid{0xFFFD, 1, false};
  size_t continuations = 0;
  char32_t codePoint = 0;
  // The second byte's range excludes overlongs, surrogates and > U+10FFFF.
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuations = 1, codePoint = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuations = 2, codePoint = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuations = 3, codePoint = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return invalid;
  }
  for (size_t n = 1; n <= continuations; ++n) {
    if (at + n >= text.size()) return {0xFFFD, n, false};
    const auto byte = static_cast<unsigned char>(text[at + n]);
    if (byte < low || byte > high) return {0xFFFD, n, false};
    codePoint = (codePoint << 6) | (byte & 0x3F);
    low = 0x80, high = 0xBF;
  }
  return {codePoint, continuations + 1, true};
}

bool isInvisible(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  if (c >= 0x7F && c <= 0x9F) return true;  // DEL and the C1 controls
  if (c >= 0x200B && c <= 0x200F) return true;
  if (c >= 0x202A && c <= 0x202E) return true;
  if (c >= 0x2066 && c <= 0x2069) return true;
  if (c >= 0xE0000 && c <= 0xE007F) return true;
  return c == 0x061C || c == 0x2060 || c == 0xFEFF;
}

}  // namespace manifold::trust
