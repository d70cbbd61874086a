#include "PlaceText.h"

#include <cctype>
#include <set>
#include <sstream>
#include <vector>

#include "common/Text.h"

namespace weather {
namespace {

using toolcommon::lowercase;

constexpr size_t kMaxWords = 4;

bool isBoundaryMark(char c) {
  return c == '?' || c == '!' || c == '.' || c == ';' || c == ':' || c == '"' || c == ')';
}

// A word with its trailing marks taken off; `ends` when one of them ends the name.
struct Word {
  std::string text;
  bool comma = false;
  bool ends = false;
};

Word wordOf(std::string raw) {
  Word w;
  while (!raw.empty() && (isBoundaryMark(raw.back()) || raw.back() == ',' || raw.back() == '\'')) {
    if (raw.back() == ',')
      w.comma = true;
    else
      w.ends = true;
    raw.pop_back();
  }
  while (!raw.empty() && (raw.front() == '"' || raw.front() == '(' || raw.front() == '\''))
    raw.erase(raw.begin());
  w.text = raw;
  return w;
}

bool stops(const std::string& word) {
  static const std::set<std::string> kStops = {
      "today",   "tomorrow", "tonight", "now",     "right",    "currently",   "this",
      "next",    "later",    "on",      "over",    "during",   "morning",     "afternoon",
      "evening", "weekend",  "week",    "please",  "like",     "be",          "is",
      "will",    "and",      "or",      "with",    "the",      "a",           "in",
      "for",     "at",       "near",    "weather", "forecast", "temperature", "going",
      "outside", "there",    "it",      "me",      "my",       "days",        "day"};
  return kStops.count(lowercase(word)) > 0;
}

bool capitalised(const std::string& w) {
  return !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
}

}  // namespace

std::optional<std::string> placeInText(const std::string& text) {
  std::vector<Word> words;
  std::istringstream in(text);
  for (std::string raw; in >> raw;) words.push_back(wordOf(raw));

  std::optional<std::string> lowerCase;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string preposition = lowercase(words[i].text);
    if (words[i].ends || words[i].comma ||
        (preposition != "in" && preposition != "for" && preposition != "at" &&
         preposition != "near"))
      continue;
    size_t j = i + 1;
    // "in the Hague" looks up "Hague": the article goes when a name follows it.
    if (lowercase(words[j].text) == "the" && j + 1 < words.size() && capitalised(words[j + 1].text))
      ++j;
    std::string place;
    size_t taken = 0;
    for (; j < words.size() && taken < kMaxWords; ++j, ++taken) {
      const Word& w = words[j];
      if (w.text.empty() || stops(w.text) || !std::isalpha(static_cast<unsigned char>(w.text[0])))
        break;
      place += (place.empty() ? "" : " ") + w.text;
      if (w.ends) break;
      // "Springfield, Illinois": a comma goes on only to a capitalised word.
      if (w.comma) {
        if (j + 1 < words.size() && capitalised(words[j + 1].text) && !stops(words[j + 1].text))
          place += ",";
        else
          break;
      }
    }
    if (place.empty()) continue;
    if (capitalised(place)) return place;
    if (!lowerCase) lowerCase = place;
  }
  return lowerCase;
}

}  // namespace weather
