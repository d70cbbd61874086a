#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "router/IntentRouter.h"

namespace manifold::router {

/// One word of a normalized message.
struct Word {
  enum Flag : uint8_t {
    kDigits = 1,      ///< has an ASCII digit
    kLetters = 2,     ///< has a letter
    kInnerUpper = 4,  ///< an upper-case letter right after a lower-case one ("getName")
    kCapital = 8,     ///< starts with an upper-case ASCII letter
    kNonAscii = 16,   ///< has a letter outside ASCII
    kCamelCase = 32,  ///< two or more lower-case letters, then an upper-case one ("useState")
  };
  // No default member initializers: a NormalizedText holds a thousand of
  // these and is built per message; it fills every field of the words it uses.
  uint16_t start;     ///< offset in text()
  uint16_t length;    ///< bytes in text()
  uint16_t rawStart;  ///< offset of its first byte in raw()
  uint16_t rawEnd;    ///< one past its last byte in raw()
  uint32_t hash;      ///< hashWord() of its normalized text
  uint8_t flags;
  bool has(Flag f) const { return (flags & f) != 0; }
};

/// Counts of shapes in the raw text that words alone lose.
struct TextShape {
  uint16_t lines = 0;            ///< line breaks
  uint16_t fences = 0;           ///< ``` markers
  uint16_t codeLineEnds = 0;     ///< lines ending in ; { or }
  uint16_t indentedLines = 0;    ///< lines starting with two spaces or a tab
  uint16_t stackFrameLines = 0;  ///< lines starting with (indented) "at "
  uint16_t codeOperators = 0;    ///< == != => -> && || :: += ()
  uint16_t urls = 0;             ///< "://"
  uint16_t mathSymbols = 0;      ///< ² √ ∫ π × ÷ ± ≤ and the like
};

/// The first RouterInput::kPrefixBytes of a message as words: ASCII lower-cased,
/// Latin-1 accents folded ("Météo" -> "meteo", "ß" -> "ss"), apostrophes and
/// punctuation dropped, so "What's" is the two words "what" and "s". text()
/// holds the words separated by single spaces, so a run of words is one
/// contiguous string_view. Filling one never allocates: a router keeps it on
/// the stack.
class NormalizedText {
 public:
  static constexpr size_t kMaxBytes = RouterInput::kPrefixBytes;
  static constexpr size_t kMaxWords = kMaxBytes / 2 + 1;

  NormalizedText() = default;
  explicit NormalizedText(std::string_view raw) { assign(raw); }
  NormalizedText(const NormalizedText&) = delete;
  NormalizedText& operator=(const NormalizedText&) = delete;

  void assign(std::string_view raw);

  /// False when the prefix holds a byte sequence that is not UTF-8. A
  /// character cut by the prefix limit does not count.
  bool validUtf8() const { return validUtf8_; }
  /// True when the message was longer than the prefix read.
  bool truncated() const { return truncated_; }
  std::string_view raw() const { return raw_; }
  std::string_view text() const { return std::string_view(text_, textLength_); }
  const TextShape& shape() const { return shape_; }
  /// How many times an ASCII punctuation byte occurs in raw().
  uint32_t count(char c) const { return punctuation_[static_cast<uint8_t>(c) & 0x7f]; }

  size_t size() const { return wordCount_; }
  bool empty() const { return wordCount_ == 0; }
  const Word& operator[](size_t i) const { return words_[i]; }
  std::string_view word(size_t i) const {
    return std::string_view(text_ + words_[i].start, words_[i].length);
  }
  /// Words first..last (inclusive) as one string, single-spaced.
  std::string_view span(size_t first, size_t last) const {
    return std::string_view(text_ + words_[first].start,
                            words_[last].start + words_[last].length - words_[first].start);
  }
  /// The raw byte right before / after a word, or 0 at either end.
  char rawBefore(size_t i) const {
    return words_[i].rawStart ? raw_[words_[i].rawStart - 1] : '\0';
  }
  char rawAfter(size_t i) const {
    return words_[i].rawEnd < raw_.size() ? raw_[words_[i].rawEnd] : '\0';
  }

 private:
  void beginWord(size_t rawStart);
  void endWord(size_t rawEnd);
  void appendAsciiRun(const unsigned char* p, size_t n, size_t& at);
  void appendNonAscii(uint32_t codePoint, const char* bytes, size_t length, size_t at);
  void scanPunctuation(size_t at);

  std::string_view raw_;
  bool validUtf8_ = true;
  bool truncated_ = false;
  bool inWord_ = false;
  uint8_t wordFlags_ = 0;
  bool previousLower_ = false;  // the last letter was lower-case
  uint16_t leadingLower_ = 0;   // lower-case ASCII letters the word started with
  size_t wordStart_ = 0;
  size_t wordRawStart_ = 0;
  size_t textLength_ = 0;
  size_t wordCount_ = 0;
  TextShape shape_;
  uint16_t punctuation_[128];
  // 16 bytes of zeroed slack after the text, so hashing may load 8 at a time.
  char text_[kMaxBytes + 24];
  Word words_[kMaxWords];
};

/// The hash the router keys words by. Equal words hash equal wherever they
/// come from (a message, a built-in keyword, a plugin phrase).
uint32_t hashWord(std::string_view word);

}  // namespace manifold::router
