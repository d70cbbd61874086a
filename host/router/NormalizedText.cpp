#include "router/NormalizedText.h"

#include <array>
#include <cstring>

namespace manifold::router {
namespace {

enum : uint8_t { kLowerClass = 1, kUpperClass = 2, kDigitClass = 4 };

constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kLowerClass;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kUpperClass;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigitClass;
  return table;
}();

// Punctuation that says something about shape (code, URLs), checked further.
constexpr std::array<bool, 128> kShapePunctuation = [] {
  std::array<bool, 128> table{};
  for (char c : std::string_view("`\n=-&|:!+(")) table[static_cast<uint8_t>(c)] = true;
  return table;
}();

// U+00C0..U+00FF folded to ASCII; "" for the two symbols in the block (× ÷).
constexpr const char* kLatin1Fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

bool isAsciiWordByte(unsigned char c) {
  return c < 0x80 && kAsciiClass[c] != 0;
}

// Decodes the UTF-8 sequence at p (n > 0 bytes available). Returns its length,
// or 0 when the bytes are not UTF-8 (overlong forms and surrogates included).
size_t decodeUtf8(const unsigned char* p, size_t n, uint32_t& cp) {
  const unsigned c = p[0];
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < n && p[k] >= lo && p[k] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) {
    if (!cont(1)) return 0;
    cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2)) return 0;
    cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return 0;
    cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    return 4;
  }
  return 0;
}

bool isMathSymbol(uint32_t cp) {
  return (cp >= 0x2200 && cp <= 0x22FF) || (cp >= 0x2070 && cp <= 0x209F) || cp == 0xB1 ||
         cp == 0xB2 || cp == 0xB3 || cp == 0xB9 || (cp >= 0xBC && cp <= 0xBE) || cp == 0xD7 ||
         cp == 0xF7 || cp == 0x3C0;
}

// Non-ASCII characters that separate words: Latin-1 symbols, general
// punctuation, arrows, maths, box drawing, CJK punctuation, emoji.
bool isSeparator(uint32_t cp) {
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xE000 && cp <= 0xF8FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0xFF00 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

inline uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

// With Padded, p may be read up to 8 bytes past n (the caller owns that
// slack); otherwise the tail is read byte by byte. Both give the same hash.
template <bool Padded>
uint32_t hashBytes(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w);
  }
  if (n) {
    uint64_t w = 0;
    if constexpr (Padded) {
      std::memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
      w = __builtin_bswap64(w);
#endif
      w &= (uint64_t(1) << (8 * n)) - 1;
    } else {
      for (size_t k = 0; k < n; ++k) w |= uint64_t(static_cast<unsigned char>(p[k])) << (8 * k);
    }
    h = mix(h ^ w);
  }
  return static_cast<uint32_t>(h ^ (h >> 32));
}

}  // namespace

uint32_t hashWord(std::string_view word) {
  return hashBytes<false>(word.data(), word.size());
}

void NormalizedText::assign(std::string_view raw) {
  size_t n = raw.size();
  truncated_ = n > kMaxBytes;
  if (truncated_) {
    // Cut before a character the limit would split.
    n = kMaxBytes;
    for (int back = 0; back < 3 && n > 0 && (static_cast<unsigned char>(raw[n]) & 0xC0) == 0x80;
         ++back)
      --n;
  }
  raw_ = raw.substr(0, n);
  validUtf8_ = true;
  inWord_ = false;
  textLength_ = 0;
  wordCount_ = 0;
  shape_ = TextShape{};
  std::memset(punctuation_, 0, sizeof(punctuation_));

  const auto* p = reinterpret_cast<const unsigned char*>(raw_.data());
  size_t i = 0;
  while (i < n) {
    const unsigned c = p[i];
    if (c < 0x80) {
      const uint8_t cls = kAsciiClass[c];
      if (cls) {
        if (!inWord_) beginWord(i);
        appendAsciiRun(p, n, i);
        continue;
      }
      // "c++", "c#", "f#" stay one word.
      if ((c == '+' || c == '#') && inWord_ && textLength_ - wordStart_ == 1 &&
          (wordFlags_ & Word::kLetters)) {
        const size_t glued = c == '+' ? 2 : 1;
        const bool shapeFits = c == '#' || (i + 1 < n && p[i + 1] == '+');
        if (shapeFits && !(i + glued < n && isAsciiWordByte(p[i + glued]))) {
          for (size_t k = 0; k < glued; ++k) text_[textLength_++] = static_cast<char>(c);
          punctuation_[c] += static_cast<uint16_t>(glued);
          i += glued;
          continue;
        }
      }
      endWord(i);
      if (c == '`' && i + 2 < n && p[i + 1] == '`' && p[i + 2] == '`') {
        ++shape_.fences;
        i += 3;
        continue;
      }
      ++punctuation_[c];
      if (kShapePunctuation[c]) scanPunctuation(i);
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t length = decodeUtf8(p + i, n - i, cp);
    if (length == 0) {
      validUtf8_ = false;
      endWord(i);
      ++i;
      continue;
    }
    if (isSeparator(cp)) {
      endWord(i);
      if (isMathSymbol(cp)) ++shape_.mathSymbols;
      i += length;
      continue;
    }
    if (!inWord_) beginWord(i);
    appendNonAscii(cp, raw_.data() + i, length, i);
    if (cp >= 0xC0 && cp <= 0xDE) {
      wordFlags_ |= previousLower_ ? Word::kInnerUpper : 0;
      previousLower_ = false;
    } else {
      previousLower_ = true;
    }
    i += length;
  }
  endWord(n);
  std::memset(text_ + textLength_, 0, 16);
  for (size_t w = 0; w < wordCount_; ++w)
    words_[w].hash = hashBytes<true>(text_ + words_[w].start, words_[w].length);
}

// Appends the run of ASCII letters and digits starting at `at`, and moves
// `at` past it. The copy loop carries nothing from byte to byte but the
// position; the case flags come from a second look at the run, needed only
// when it has an upper-case letter or a digit.
void NormalizedText::appendAsciiRun(const unsigned char* p, size_t n, size_t& at) {
  char* out = text_ + textLength_;
  const size_t first = at;
  size_t i = at;
  uint8_t classes = 0;
  for (;;) {
    const unsigned c = p[i];
    const uint8_t cls = kAsciiClass[c];
    classes |= cls;
    *out++ = static_cast<char>(c | ((cls & kUpperClass) << 4));  // 'A' | 32 == 'a'
    if (++i >= n || p[i] >= 0x80 || kAsciiClass[p[i]] == 0) break;
  }
  at = i;
  textLength_ = static_cast<size_t>(out - text_);
  wordFlags_ |=
      ((classes & kDigitClass) ? Word::kDigits : 0) |
      ((classes & (kLowerClass | kUpperClass)) ? Word::kLetters : 0) |
      (first == wordRawStart_ && kAsciiClass[p[first]] == kUpperClass ? Word::kCapital : 0);
  if (classes == kLowerClass) {
    if (leadingLower_ == first - wordRawStart_) leadingLower_ += static_cast<uint16_t>(i - first);
    previousLower_ = true;
    return;
  }
  for (size_t k = first; k < i; ++k) {
    const uint8_t cls = kAsciiClass[p[k]];
    const bool upper = cls == kUpperClass;
    const bool atLeadingEnd = leadingLower_ == k - wordRawStart_;
    if (upper && previousLower_) wordFlags_ |= Word::kInnerUpper;
    if (upper && atLeadingEnd && leadingLower_ >= 2) wordFlags_ |= Word::kCamelCase;
    previousLower_ = cls == kLowerClass;
    if (previousLower_ && atLeadingEnd) ++leadingLower_;
  }
}

void NormalizedText::appendNonAscii(uint32_t cp, const char* bytes, size_t length, size_t at) {
  wordFlags_ |= Word::kLetters;
  if (cp >= 0xC0 && cp <= 0xFF) {
    if (cp <= 0xDE && at == wordRawStart_) wordFlags_ |= Word::kCapital;
    for (const char* f = kLatin1Fold[cp - 0xC0]; *f; ++f) text_[textLength_++] = *f;
    return;
  }
  if (cp == 0x152 || cp == 0x153) {  // Œ œ
    text_[textLength_++] = 'o';
    text_[textLength_++] = 'e';
    return;
  }
  if (cp == 0x3C0) ++shape_.mathSymbols;  // π
  wordFlags_ |= Word::kNonAscii;
  std::memcpy(text_ + textLength_, bytes, length);
  textLength_ += length;
}

void NormalizedText::beginWord(size_t rawStart) {
  if (wordCount_) text_[textLength_++] = ' ';
  inWord_ = true;
  wordFlags_ = 0;
  wordStart_ = textLength_;
  wordRawStart_ = rawStart;
  previousLower_ = false;
  leadingLower_ = 0;
}

void NormalizedText::endWord(size_t rawEnd) {
  if (!inWord_) return;
  inWord_ = false;
  Word& w = words_[wordCount_++];
  w.start = static_cast<uint16_t>(wordStart_);
  w.length = static_cast<uint16_t>(textLength_ - wordStart_);
  w.rawStart = static_cast<uint16_t>(wordRawStart_);
  w.rawEnd = static_cast<uint16_t>(rawEnd);
  w.flags = wordFlags_;
  w.hash = 0;
}

void NormalizedText::scanPunctuation(size_t at) {
  const size_t n = raw_.size();
  auto next = [&](size_t k) -> char { return at + k < n ? raw_[at + k] : '\0'; };
  switch (raw_[at]) {
    case '\n': {
      ++shape_.lines;
      size_t back = at;
      while (back > 0 &&
             (raw_[back - 1] == ' ' || raw_[back - 1] == '\t' || raw_[back - 1] == '\r'))
        --back;
      if (back > 0 && (raw_[back - 1] == ';' || raw_[back - 1] == '{' || raw_[back - 1] == '}'))
        ++shape_.codeLineEnds;
      size_t k = 1, spaces = 0;
      bool tab = false;
      for (; at + k < n && (raw_[at + k] == ' ' || raw_[at + k] == '\t'); ++k) {
        spaces += raw_[at + k] == ' ';
        tab |= raw_[at + k] == '\t';
      }
      if (tab || spaces >= 2) ++shape_.indentedLines;
      if (next(k) == 'a' && next(k + 1) == 't' && next(k + 2) == ' ') ++shape_.stackFrameLines;
      break;
    }
    case '=':
      if (next(1) == '=' || next(1) == '>') ++shape_.codeOperators;
      break;
    case '-':
      if (next(1) == '>') ++shape_.codeOperators;
      break;
    case '&':
      if (next(1) == '&') ++shape_.codeOperators;
      break;
    case '|':
      if (next(1) == '|') ++shape_.codeOperators;
      break;
    case ':':
      if (next(1) == ':') ++shape_.codeOperators;
      if (next(1) == '/' && next(2) == '/') ++shape_.urls;
      break;
    case '!':
    case '+':
      if (next(1) == '=') ++shape_.codeOperators;
      break;
    case '(':
      if (next(1) == ')') ++shape_.codeOperators;
      break;
    default:
      break;
  }
}

}  // namespace manifold::router
