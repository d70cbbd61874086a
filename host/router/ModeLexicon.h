#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "router/IntentRouter.h"
#include "router/NormalizedText.h"
#include "router/WordTable.h"

namespace manifold::router {

/// A built-in keyword or phrase and what it says about a message.
struct Keyword {
  std::string_view text;  ///< as a person writes it; normalized when compiled
  Mode mode;
  float weight;           ///< evidence for `mode`; may be negative
  std::string_view rule;  ///< "" names the rule "kw:<words joined by _>"
};

/// Keywords compiled into a word table. scan() walks a message once, one
/// table lookup per word; phrases are found through their first word and
/// checked against the message's normalized text.
class ModeLexicon {
 public:
  struct Signal {
    Mode mode;
    float weight;
    std::string rule;
  };
  static constexpr size_t kMaxWords = 8;
  struct Entry {
    std::string text;  ///< normalized, single-spaced
    size_t words = 0;
    std::array<uint32_t, kMaxWords> hashes{};  ///< of each word, compared before the text
    std::vector<Signal> signals;               ///< one per mode the entry speaks for
  };

  /// Throws std::invalid_argument for a keyword that has no words or more
  /// than eight, or a mode given twice for one text.
  explicit ModeLexicon(const std::vector<Keyword>& keywords);

  /// Calls onMatch(const Entry&, size_t firstWord) for every entry found. At
  /// each word only the longest entry starting there counts, and words inside
  /// a matched phrase start no other match, so "thank you note" is not also
  /// "thank you".
  template <class OnMatch>
  void scan(const NormalizedText& text, OnMatch&& onMatch) const {
    const size_t n = text.size();
    for (size_t i = 0; i < n;) {
      const uint32_t group = table_.find(text[i].hash);
      size_t advance = 1;
      if (group != WordTable::kMissing) {
        for (uint32_t id : groups_[group]) {
          const Entry& e = entries_[id];
          if (i + e.words > n || !sameWords(text, i, e)) continue;
          onMatch(e, i);
          advance = e.words;
          break;
        }
      }
      i += advance;
    }
  }

  size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  static bool sameWords(const NormalizedText& text, size_t first, const Entry& e) {
    for (size_t k = 0; k < e.words; ++k)
      if (text[first + k].hash != e.hashes[k]) return false;
    return text.span(first, first + e.words - 1) == e.text;
  }

  std::vector<Entry> entries_;
  std::vector<std::vector<uint32_t>> groups_;  ///< entry ids by first word, longest first
  WordTable table_;
};

}  // namespace manifold::router
