#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "router/NormalizedText.h"

namespace manifold::router {

/// A plugin's intent phrase or pattern, compiled to a sequence of word tests
/// (the syntax is documented with manifold.intents/1 in plugin.h). Matching
/// compares words already hashed by NormalizedText, so it never scans
/// characters; a router finds candidates by looking up a message's words in
/// triggers() and only then calls matchAt().
class WordPattern {
 public:
  static constexpr size_t kMaxElements = 8;
  static constexpr size_t kMaxGapWords = 3;

  /// Compiles a pattern. On failure returns nullopt and says why in `error`
  /// (one clause, without the pattern itself, which the caller names).
  static std::optional<WordPattern> pattern(std::string_view source, std::string& error);
  /// Compiles a literal phrase: its words, in order, normalized as a message is.
  static std::optional<WordPattern> phrase(std::string_view source, std::string& error);

  const std::string& source() const { return source_; }
  /// The hashes of the words a match can start with.
  const std::vector<uint32_t>& triggers() const { return triggers_; }
  /// How many elements name words (not wildcards): the more, the more specific.
  size_t literalCount() const { return literals_; }

  /// Whether the pattern matches the message starting at word `first`. On a
  /// match, `end` is one past the last word matched.
  bool matchAt(const NormalizedText& text, size_t first, size_t& end) const;

 private:
  struct Alternative {
    std::string word;
    uint32_t hash = 0;
    bool prefix = false;  ///< "word*": any word starting with `word`
  };
  struct Element {
    enum class Kind { Words, AnyWord, Gap };
    Kind kind = Kind::Words;
    std::vector<Alternative> alternatives;
  };

  bool matchFrom(const NormalizedText& text, size_t element, size_t word, size_t& end) const;
  static bool matches(const Element& element, const NormalizedText& text, size_t word);
  void finish();

  std::string source_;
  std::vector<Element> elements_;
  std::vector<uint32_t> triggers_;
  size_t literals_ = 0;
};

}  // namespace manifold::router
