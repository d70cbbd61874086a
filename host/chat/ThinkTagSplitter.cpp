#include "chat/ThinkTagSplitter.h"

#include <algorithm>

namespace manifold::chat {
namespace {

constexpr std::string_view kOpen = "<think>";
constexpr std::string_view kClose = "</think>";

// The length of the tail of `text` that is a proper prefix of `tag`. A tag's
// first byte '<' occurs nowhere else in it, so at most one tail can match.
size_t partialTagTail(std::string_view text, std::string_view tag) {
  for (size_t n = std::min(text.size(), tag.size() - 1); n > 0; --n)
    if (text.substr(text.size() - n) == tag.substr(0, n)) return n;
  return 0;
}

void append(std::vector<ThinkPiece>& out, bool reasoning, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().reasoning == reasoning)
    out.back().text.append(text);
  else
    out.push_back({reasoning, std::string(text)});
}

}  // namespace

void ThinkTagSplitter::feed(std::string_view delta, std::vector<ThinkPiece>& out) {
  std::string buffer;
  buffer.swap(held_);
  buffer.append(delta);
  std::string_view rest = buffer;
  for (;;) {
    const std::string_view tag = inSpan_ ? kClose : kOpen;
    const size_t at = rest.find(tag);
    if (at == std::string_view::npos) break;
    append(out, inSpan_, rest.substr(0, at));
    rest.remove_prefix(at + tag.size());
    inSpan_ = !inSpan_;
  }
  const size_t keep = partialTagTail(rest, inSpan_ ? kClose : kOpen);
  append(out, inSpan_, rest.substr(0, rest.size() - keep));
  held_.assign(rest.substr(rest.size() - keep));
}

void ThinkTagSplitter::flush(std::vector<ThinkPiece>& out) {
  append(out, inSpan_, held_);
  held_.clear();
}

}  // namespace manifold::chat
