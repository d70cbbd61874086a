#include "chat/PromptCache.h"

#include <cstdio>

namespace manifold::chat {
namespace {

// FNV-1a: stable across runs and builds, which std::hash is not.
struct Fnv1a {
  uint64_t value = 14695981039346656037ull;
  void add(const std::string& s) {
    for (unsigned char c : s) value = (value ^ c) * 1099511628211ull;
    value = (value ^ 0xff) * 1099511628211ull;  // a separator, so "ab"+"c" != "a"+"bc"
  }
};

size_t textSize(const ChatMessage& m) {
  size_t n = 0;
  for (const ContentPart& p : m.content) n += p.kind == ContentPart::Kind::Text ? p.text.size() : 0;
  for (const ToolCall& c : m.toolCalls) n += c.name.size() + c.arguments.size();
  return n;
}

}  // namespace

void markPromptCache(ChatRequest& request, const config::PromptCacheConfig& config) {
  request.promptCache.reset();
  if (!config.enabled) return;
  size_t lastUser = request.messages.size();
  for (size_t i = request.messages.size(); i-- > 0;) {
    if (request.messages[i].role == "user") {
      lastUser = i;
      break;
    }
  }
  if (lastUser == 0 || lastUser == request.messages.size()) return;

  size_t size = 0;
  for (const ToolSpec& t : request.tools)
    size += t.name.size() + t.description.size() + json::stringify(t.parameters).size();
  for (size_t i = 0; i < lastUser; ++i) size += textSize(request.messages[i]);
  if (static_cast<int64_t>(size) < config.minPrefixChars) return;

  Fnv1a hash;
  for (const ToolSpec& t : request.tools) hash.add(t.name);
  bool sawUser = false;
  for (const ChatMessage& m : request.messages) {
    if (m.role == "user" && sawUser) break;
    if (m.role != "system" && m.role != "user") continue;
    sawUser = sawUser || m.role == "user";
    for (const ContentPart& p : m.content) hash.add(p.text);
  }
  char key[24];
  std::snprintf(key, sizeof(key), "mf-%016llx", static_cast<unsigned long long>(hash.value));
  request.promptCache = PromptCacheMark{static_cast<int64_t>(lastUser), key};
}

}  // namespace manifold::chat
