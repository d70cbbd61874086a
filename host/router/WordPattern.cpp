#include "router/WordPattern.h"

#include <memory>

namespace manifold::router {
namespace {

bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::vector<std::string_view> splitOn(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::vector<std::string_view> splitOnSpace(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isAsciiSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !isAsciiSpace(text[i])) ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

// The one normalized word `raw` stands for, or "" (with `error` set) when it
// is not exactly one word of letters and digits.
std::string oneWord(std::string_view raw, std::string& error) {
  for (char c : raw) {
    if (static_cast<unsigned char>(c) < 0x80 && !isAsciiAlnum(c)) {
      error = std::string("has the character '") + c +
              "', which is not allowed (patterns are words, | and *, not regular expressions)";
      return "";
    }
  }
  auto normalized = std::make_unique<NormalizedText>(raw);
  if (!normalized->validUtf8()) {
    error = "is not valid UTF-8";
    return "";
  }
  if (normalized->size() != 1 || normalized->word(0).size() == 0) {
    error = "has \"" + std::string(raw) + "\", which is not one word";
    return "";
  }
  return std::string(normalized->word(0));
}

}  // namespace

std::optional<WordPattern> WordPattern::pattern(std::string_view source, std::string& error) {
  WordPattern out;
  out.source_ = std::string(source);
  const std::vector<std::string_view> parts = splitOnSpace(source);
  if (parts.empty()) {
    error = "is empty";
    return std::nullopt;
  }
  if (parts.size() > kMaxElements) {
    error = "has more than " + std::to_string(kMaxElements) + " elements";
    return std::nullopt;
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    Element element;
    if (part == "...") {
      element.kind = Element::Kind::Gap;
      if (i == 0 || i + 1 == parts.size()) {
        error = "starts or ends with ..., which must sit between two words";
        return std::nullopt;
      }
      if (out.elements_.back().kind == Element::Kind::Gap) {
        error = "has two ... in a row";
        return std::nullopt;
      }
    } else if (part == "*") {
      element.kind = Element::Kind::AnyWord;
    } else {
      for (std::string_view alternative : splitOn(part, '|')) {
        Alternative alt;
        if (!alternative.empty() && alternative.back() == '*') {
          alt.prefix = true;
          alternative.remove_suffix(1);
        }
        if (alternative.empty()) {
          error = "has an empty alternative or a lone * in \"" + std::string(part) + "\"";
          return std::nullopt;
        }
        alt.word = oneWord(alternative, error);
        if (alt.word.empty()) return std::nullopt;
        if (alt.prefix && alt.word.size() < 2) {
          error = "has the prefix \"" + std::string(alternative) +
                  "*\", shorter than the two letters a prefix needs";
          return std::nullopt;
        }
        alt.hash = hashWord(alt.word);
        element.alternatives.push_back(std::move(alt));
      }
    }
    out.elements_.push_back(std::move(element));
  }
  const Element& first = out.elements_.front();
  bool literalStart = first.kind == Element::Kind::Words;
  for (const Alternative& alt : first.alternatives) literalStart &= !alt.prefix;
  if (!literalStart) {
    error = "does not start with a word or a word|word list (no *, no prefix*)";
    return std::nullopt;
  }
  out.finish();
  return out;
}

std::optional<WordPattern> WordPattern::phrase(std::string_view source, std::string& error) {
  auto normalized = std::make_unique<NormalizedText>(source);
  if (!normalized->validUtf8()) {
    error = "is not valid UTF-8";
    return std::nullopt;
  }
  if (normalized->truncated() || normalized->size() > kMaxElements) {
    error = "has more than " + std::to_string(kMaxElements) + " words";
    return std::nullopt;
  }
  if (normalized->empty()) {
    error = "has no words";
    return std::nullopt;
  }
  WordPattern out;
  out.source_ = std::string(source);
  for (size_t i = 0; i < normalized->size(); ++i) {
    Element element;
    element.alternatives.push_back(
        Alternative{std::string(normalized->word(i)), (*normalized)[i].hash, false});
    out.elements_.push_back(std::move(element));
  }
  out.finish();
  return out;
}

void WordPattern::finish() {
  for (const Alternative& alt : elements_.front().alternatives) triggers_.push_back(alt.hash);
  literals_ = 0;
  for (const Element& e : elements_) literals_ += e.kind == Element::Kind::Words;
}

bool WordPattern::matchAt(const NormalizedText& text, size_t first, size_t& end) const {
  return first < text.size() && matchFrom(text, 0, first, end);
}

bool WordPattern::matchFrom(const NormalizedText& text, size_t element, size_t word,
                            size_t& end) const {
  if (element == elements_.size()) {
    end = word;
    return true;
  }
  const Element& e = elements_[element];
  if (e.kind == Element::Kind::Gap) {
    for (size_t skip = 0; skip <= kMaxGapWords && word + skip <= text.size(); ++skip)
      if (matchFrom(text, element + 1, word + skip, end)) return true;
    return false;
  }
  if (word >= text.size()) return false;
  if (e.kind == Element::Kind::Words && !matches(e, text, word)) return false;
  return matchFrom(text, element + 1, word + 1, end);
}

bool WordPattern::matches(const Element& element, const NormalizedText& text, size_t word) {
  const std::string_view w = text.word(word);
  for (const Alternative& alt : element.alternatives) {
    if (alt.prefix) {
      if (w.size() >= alt.word.size() && w.compare(0, alt.word.size(), alt.word) == 0) return true;
    } else if (text[word].hash == alt.hash && w == alt.word) {
      return true;
    }
  }
  return false;
}

}  // namespace manifold::router
