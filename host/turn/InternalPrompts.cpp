#include "turn/InternalPrompts.h"

#include <manifold/json.hpp>

#include <cctype>

namespace manifold::turn {
namespace {

constexpr size_t kMaxQuotedBytes = 4000;
constexpr size_t kMaxSuggestionBytes = 200;
constexpr size_t kMaxFactBytes = 300;
constexpr size_t kMaxFacts = 5;

std::string cut(const std::string& text) {
  if (text.size() <= kMaxQuotedBytes) return text;
  size_t at = kMaxQuotedBytes;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return text.substr(0, at) + " [...]";
}

chat::ChatMessage message(const std::string& role, std::string text) {
  chat::ChatMessage m;
  m.role = role;
  m.content.push_back({chat::ContentPart::Kind::Text, std::move(text), "", ""});
  return m;
}

chat::ChatRequest prompt(const std::string& task, const std::string& quoted) {
  chat::ChatRequest request;
  request.model = "auto";
  request.messages.push_back(
      message("system", task + "\n\n" + trust::BoundaryMarkers::instruction()));
  request.messages.push_back(message("user", quoted));
  return request;
}

// Leading list bullets or numbers ("- ", "* ", "1. ", "2) ") and quotes off.
std::string bare(std::string line) {
  const auto trimmed = [](std::string& s) {
    const size_t first = s.find_first_not_of(" \t\r");
    s = first == std::string::npos ? "" : s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
  };
  trimmed(line);
  size_t at = 0;
  while (at < line.size() && std::isdigit(static_cast<unsigned char>(line[at]))) ++at;
  if (at > 0 && at < line.size() && (line[at] == '.' || line[at] == ')'))
    line.erase(0, at + 1);
  else if (!line.empty() && (line[0] == '-' || line[0] == '*' || line[0] == '+'))
    line.erase(0, 1);
  trimmed(line);
  if (line.size() >= 2 && line.front() == '"' && line.back() == '"')
    line = line.substr(1, line.size() - 2);
  return line;
}

std::vector<std::string> lines(const std::string& answer) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= answer.size()) {
    const size_t end = std::min(answer.size(), answer.find('\n', start));
    std::string line = bare(answer.substr(start, end - start));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

std::optional<std::vector<std::string>> jsonStrings(const std::string& answer) {
  const std::optional<json::Value> parsed = json::parse(answer);
  if (!parsed || !parsed->isArray()) return std::nullopt;
  std::vector<std::string> out;
  for (size_t i = 0; i < parsed->size(); ++i) {
    const json::Value& item = (*parsed)[i];
    if (!item.isString()) return std::nullopt;
    out.push_back(bare(item.asString()));
  }
  return out;
}

bool allWithin(const std::vector<std::string>& items, size_t maxBytes) {
  for (const std::string& item : items)
    if (item.empty() || item.size() > maxBytes) return false;
  return true;
}

}  // namespace

chat::ChatRequest suggestionsPrompt(const std::string& userText, const std::string& answerText,
                                    const trust::BoundaryMarkers& markers) {
  return prompt(
      "Suggest three short follow-up prompts that the user might send next in the conversation "
      "below, in the user's language. Answer with exactly three lines, one prompt per line, each "
      "under 100 characters, and nothing else: no numbering, no quotes, no introduction.",
      "The user wrote:\n" + markers.wrap(trust::UntrustedKind::User, cut(userText)) +
          "\n\nThe assistant answered:\n" +
          markers.wrap(trust::UntrustedKind::User, cut(answerText)));
}

std::optional<std::vector<std::string>> parseSuggestions(const std::string& answer) {
  std::optional<std::vector<std::string>> items = jsonStrings(answer);
  if (!items) items = lines(answer);
  if (items->size() != 3 || !allWithin(*items, kMaxSuggestionBytes)) return std::nullopt;
  return items;
}

chat::ChatRequest memoryExtractorPrompt(const std::string& userText,
                                        const trust::BoundaryMarkers& markers) {
  return prompt(
      "List the facts about the user in the message below that are worth remembering in later "
      "conversations: their name, where they live, their preferences and lasting circumstances. "
      "Write each fact as one short sentence about \"the user\", one per line, at most five, "
      "and nothing else. If there is no such fact, answer NONE.",
      "The user wrote:\n" + markers.wrap(trust::UntrustedKind::User, cut(userText)));
}

std::optional<std::vector<std::string>> parseExtractedFacts(const std::string& answer) {
  std::vector<std::string> facts = lines(answer);
  if (facts.size() == 1 && facts[0] == "NONE") return std::vector<std::string>{};
  if (facts.empty() || facts.size() > kMaxFacts || !allWithin(facts, kMaxFactBytes))
    return std::nullopt;
  return facts;
}

}  // namespace manifold::turn
