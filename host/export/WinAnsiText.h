#pragma once

#include <string>
#include <string_view>

namespace manifold::exporting {

/// UTF-8 text as the bytes of WinAnsiEncoding (Windows-1252), the encoding of
/// the PDF standard fonts: ASCII, Latin-1 (U+00A0-U+00FF) and the 27 extra
/// characters of 0x80-0x9F (€, curly quotes, dashes, bullet, ellipsis, ™, Œ,
/// Š, Ž, Ÿ ...). Any other character becomes "?"; a tab becomes four spaces;
/// zero-width characters, byte-order marks,
/// other control characters and invalid UTF-8 bytes are dropped.
std::string toWinAnsi(std::string_view utf8);

}  // namespace manifold::exporting
