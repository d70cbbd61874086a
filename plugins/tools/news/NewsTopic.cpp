#include "NewsTopic.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace news {
namespace {

// Words that ask for news or fill the question, not the topic.
constexpr std::string_view kFiller[] = {
    "a",     "an",      "and",      "any",       "anything",  "are",    "breaking",    "can",
    "could", "current", "did",      "do",        "does",      "find",   "for",         "from",
    "get",   "give",    "happened", "happening", "has",       "have",   "headline",    "headlines",
    "hn",    "i",       "in",       "is",        "it",        "latest", "lately",      "me",
    "more",  "new",     "news",     "now",       "of",        "please", "recent",      "right",
    "say",   "says",    "saying",   "search",    "show",      "some",   "stories",     "story",
    "tell",  "that",    "the",      "there",     "this",      "today",  "today's",     "todays",
    "top",   "up",      "us",       "was",       "week",      "what",   "what's",      "whats",
    "which", "with",    "world",    "you",       "yesterday", "hacker", "ycombinator",
};
constexpr std::string_view kMarkers[] = {"about", "on", "regarding", "concerning"};

std::string lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || c == '+' || c == '#' ||
         c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

std::vector<std::string> wordsOf(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !isWordChar(text[i])) ++i;
    size_t end = i;
    while (end < text.size() && isWordChar(text[end])) ++end;
    std::string word(text.substr(i, end - i));
    while (!word.empty() && (word.back() == '.' || word.back() == '-' || word.back() == '\''))
      word.pop_back();
    if (!word.empty()) words.push_back(word);
    i = end;
  }
  return words;
}

template <size_t N>
bool isOneOf(const std::string& word, const std::string_view (&list)[N]) {
  const std::string w = lower(word);
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

std::string joinedWithoutFiller(const std::vector<std::string>& words, size_t from) {
  std::string topic;
  for (size_t i = from; i < words.size(); ++i) {
    if (isOneOf(words[i], kFiller) || isOneOf(words[i], kMarkers)) continue;
    if (!topic.empty()) topic += ' ';
    topic += words[i];
  }
  return topic;
}

}  // namespace

std::string newsTopicIn(std::string_view message) {
  const std::vector<std::string> words = wordsOf(message);
  for (size_t i = words.size(); i-- > 0;) {
    if (!isOneOf(words[i], kMarkers)) continue;
    const std::string topic = joinedWithoutFiller(words, i + 1);
    if (!topic.empty()) return topic;
    break;
  }
  return joinedWithoutFiller(words, 0);
}

}  // namespace news
