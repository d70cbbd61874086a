#include "trust/Sanitiser.h"

#include "trust/Unicode.h"

namespace manifold::trust {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string rewrite(std::string_view text, bool dropInvisible) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    const Utf8Step c = decodeUtf8(text, at);
    if (!c.valid)
      out.append(kReplacement);
    else if (!dropInvisible || !isInvisible(c.codePoint))
      out.append(text.substr(at, c.length));
    at += c.length;
  }
  return out;
}

}  // namespace

std::string repairUtf8(std::string_view text) {
  return rewrite(text, false);
}

std::string stripInvisible(std::string_view text) {
  return rewrite(text, true);
}

std::string Sanitiser::characters(std::string_view text) const {
  return trust_.stripInvisible ? stripInvisible(text) : repairUtf8(text);
}

std::string Sanitiser::clean(std::string_view text) const {
  return BoundaryMarkers::neutralise(characters(text));
}

std::string Sanitiser::wrap(UntrustedKind kind, std::string_view text) const {
  return markers_.wrap(kind, characters(text));
}

}  // namespace manifold::trust
