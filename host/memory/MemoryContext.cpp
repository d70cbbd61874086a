#include "memory/MemoryContext.h"

#include "trust/Sanitiser.h"

namespace manifold::memory {
namespace {

int64_t codePoints(const std::string& text) {
  int64_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

size_t injectMemory(chat::ChatRequest& chat, const std::vector<MemoryFact>& facts,
                    int64_t budgetChars, const trust::BoundaryMarkers& markers) {
  std::string list;
  int64_t used = 0;
  size_t given = 0;
  for (const MemoryFact& fact : facts) {
    const std::string text = trust::stripInvisible(fact.text);
    used += codePoints(text);
    if (used > budgetChars) break;
    list += (list.empty() ? "- " : "\n- ") + text;
    ++given;
  }
  if (given == 0) return 0;

  chat::ChatMessage memory;
  memory.role = "system";
  memory.content.push_back({chat::ContentPart::Kind::Text,
                            std::string(trust::BoundaryMarkers::instruction()) +
                                "\n\nWhat the gateway remembers about the user, most recent "
                                "first:\n" +
                                markers.wrap(trust::UntrustedKind::Memory, list),
                            "", ""});
  size_t at = 0;
  while (at < chat.messages.size() && chat.messages[at].role == "system") ++at;
  chat.messages.insert(chat.messages.begin() + static_cast<std::ptrdiff_t>(at), std::move(memory));
  // The message sits inside the cacheable prefix when it starts before its end.
  if (chat.promptCache && static_cast<int64_t>(at) < chat.promptCache->prefixMessages)
    ++chat.promptCache->prefixMessages;
  return given;
}

}  // namespace manifold::memory
