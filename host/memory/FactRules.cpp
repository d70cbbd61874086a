#include "memory/FactRules.h"

#include <algorithm>
#include <cctype>

namespace manifold::memory {
namespace {

using Kind = FactChange::Kind;

/// Where a phrase's value ends: at the sentence's end, or also at a clause break.
enum class Extent { Clause, Sentence };

struct Phrase {
  const char* words;  ///< lower case, ending in a space
  Kind kind;
  const char* subject;  ///< "prefers:" takes the value after it
  const char* format;   ///< Remember: the fact, "%" standing for the value
  Extent extent;
};

// Negations before the phrases they contain ("my name is not" before "my name is").
const Phrase kPhrases[] = {
    {"my name is not ", Kind::ForgetSubject, "name", "", Extent::Clause},
    {"my name isn't ", Kind::ForgetSubject, "name", "", Extent::Clause},
    {"my name is ", Kind::Remember, "name", "The user's name is %.", Extent::Clause},
    {"call me ", Kind::Remember, "name", "The user's name is %.", Extent::Clause},
    {"i don't live in ", Kind::ForgetSubject, "home", "", Extent::Clause},
    {"i do not live in ", Kind::ForgetSubject, "home", "", Extent::Clause},
    {"i no longer live in ", Kind::ForgetSubject, "home", "", Extent::Clause},
    {"i live in ", Kind::Remember, "home", "The user lives in %.", Extent::Clause},
    {"i moved to ", Kind::Remember, "home", "The user lives in %.", Extent::Clause},
    {"i don't prefer ", Kind::ForgetSubject, "prefers:", "", Extent::Clause},
    {"i do not prefer ", Kind::ForgetSubject, "prefers:", "", Extent::Clause},
    {"i no longer prefer ", Kind::ForgetSubject, "prefers:", "", Extent::Clause},
    {"i prefer ", Kind::Remember, "prefers:", "The user prefers %.", Extent::Clause},
    {"remember that ", Kind::Remember, "", "%", Extent::Sentence},
    {"forget that ", Kind::ForgetMatching, "", "", Extent::Sentence},
    {"forget about ", Kind::ForgetMatching, "", "", Extent::Sentence},
};

constexpr size_t kMaxValueBytes = 300;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) || c == '\'';
}

std::string trim(std::string_view text) {
  const char* space = " \t\r\n\"'";
  const size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(space) - first + 1));
}

// The value in `sentence` from `from`: up to a clause break or the end.
std::string valueAt(const std::string& sentence, const std::string& lowered, size_t from,
                    Extent extent) {
  size_t end = sentence.size();
  if (extent == Extent::Clause) {
    end = std::min(end, sentence.find_first_of(",;:", from));
    for (const char* word : {" and ", " but ", " anymore", " any more"})
      end = std::min(end, lowered.find(word, from));
  }
  std::string value = trim(std::string_view(sentence).substr(from, end - from));
  if (value.size() > kMaxValueBytes) value.clear();  // not a fact a rule should keep
  return value;
}

std::string filled(const char* format, const std::string& value) {
  std::string out = format;
  const size_t at = out.find('%');
  return at == std::string::npos ? out : out.replace(at, 1, value);
}

void readSentence(const std::string& sentence, std::vector<FactChange>& out) {
  const std::string lowered = lower(sentence);
  size_t at = 0;
  while (at < lowered.size()) {
    const bool boundary = at == 0 || !isWordByte(lowered[at - 1]);
    const Phrase* match = nullptr;
    if (boundary)
      for (const Phrase& phrase : kPhrases)
        if (lowered.compare(at, std::char_traits<char>::length(phrase.words), phrase.words) == 0) {
          match = &phrase;
          break;
        }
    if (!match) {
      ++at;
      continue;
    }
    const size_t from = at + std::char_traits<char>::length(match->words);
    FactChange change;
    change.kind = match->kind;
    change.value = valueAt(sentence, lowered, from, match->extent);
    at = from;
    if (change.value.empty()) continue;
    change.subject = match->subject;
    if (change.subject == "prefers:") change.subject += lower(change.value);
    if (change.kind == Kind::Remember) change.text = filled(match->format, change.value);
    at = from + change.value.size();
    out.push_back(std::move(change));
  }
}

// The message with typographic apostrophes made plain, so "don’t" reads as "don't".
std::string plainApostrophes(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  for (size_t i = 0; i < message.size(); ++i) {
    if (message.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
    } else {
      out += message[i];
    }
  }
  return out;
}

bool isQuestion(const std::string& sentence, char terminator) {
  if (terminator == '?') return true;
  static const char* const kAsking[] = {"what",  "where", "who",    "when", "why", "how",
                                        "do",    "does",  "did",    "is",   "are", "can",
                                        "could", "would", "should", "will", "am"};
  const std::string trimmed = trim(sentence);
  const std::string first = lower(trimmed.substr(0, trimmed.find(' ')));
  return std::any_of(std::begin(kAsking), std::end(kAsking),
                     [&](const char* word) { return first == word; });
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool significant(const std::string& word) {
  static const char* const kIgnored[] = {"that", "the", "and", "you",  "your", "about", "was",
                                         "were", "are", "has", "have", "had",  "not",   "isn"};
  return word.size() >= 3 && std::none_of(std::begin(kIgnored), std::end(kIgnored),
                                          [&](const char* ignored) { return word == ignored; });
}

}  // namespace

std::vector<FactChange> readFactRules(std::string_view message) {
  const std::string text = plainApostrophes(message);
  std::vector<FactChange> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.size(), text.find_first_of(".!?\n", start));
    const std::string sentence = text.substr(start, end - start);
    if (!isQuestion(sentence, end < text.size() ? text[end] : '\0')) readSentence(sentence, out);
    start = end + 1;
  }
  return out;
}

bool factMentions(std::string_view factText, std::string_view wordsToFind) {
  const std::vector<std::string> fact = words(factText);
  bool any = false;
  for (const std::string& wanted : words(wordsToFind)) {
    if (!significant(wanted)) continue;
    any = true;
    const bool found = std::any_of(fact.begin(), fact.end(), [&](const std::string& word) {
      return word.rfind(wanted, 0) == 0 || (word.size() >= 3 && wanted.rfind(word, 0) == 0);
    });
    if (!found) return false;
  }
  return any;
}

}  // namespace manifold::memory
