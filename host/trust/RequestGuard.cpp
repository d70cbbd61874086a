#include "trust/RequestGuard.h"

#include <algorithm>
#include <optional>

#include "trust/Sanitiser.h"

namespace manifold::trust {
namespace {

using chat::ChatMessage;
using chat::ContentPart;

bool isSystem(const ChatMessage& m) {
  return m.role == "system";
}

// The kind a client message's text is wrapped as, if it is wrapped at all.
std::optional<UntrustedKind> wrappedAs(const ChatMessage& m) {
  if (m.role == "tool") return UntrustedKind::ToolResult;
  if (m.role == "user") return UntrustedKind::User;
  return std::nullopt;
}

// Only invisible characters go: no markers, no other change.
chat::ChatRequest stripOnly(chat::ChatRequest request) {
  for (ChatMessage& m : request.messages) {
    if (isSystem(m)) continue;
    for (ContentPart& part : m.content)
      if (part.kind == ContentPart::Kind::Text) part.text = stripInvisible(part.text);
  }
  return request;
}

// Returns true when it had to add a system message, at the front.
bool explainMarkers(std::vector<ChatMessage>& messages) {
  const std::string instruction = BoundaryMarkers::instruction();
  const auto system = std::find_if(messages.begin(), messages.end(), isSystem);
  if (system != messages.end())
    for (const ContentPart& part : system->content)
      if (part.text.find(instruction) != std::string::npos) return false;  // already explained
  if (system == messages.end()) {
    ChatMessage m;
    m.role = "system";
    m.content.push_back({ContentPart::Kind::Text, instruction, "", ""});
    messages.insert(messages.begin(), std::move(m));
    return true;
  }
  // Appended to the operator's last text part: a second part, or a second
  // system message, is more than some OpenAI-compatible servers accept.
  for (auto part = system->content.rbegin(); part != system->content.rend(); ++part) {
    if (part->kind != ContentPart::Kind::Text) continue;
    part->text += (part->text.empty() ? "" : "\n\n") + instruction;
    return false;
  }
  system->content.push_back({ContentPart::Kind::Text, instruction, "", ""});
  return false;
}

}  // namespace

BoundaryMarkers markersFor(const chat::ChatRequest& request) {
  return request.promptCache ? BoundaryMarkers::forConversation(request.promptCache->key)
                             : BoundaryMarkers::fresh();
}

chat::ChatRequest guardRequest(chat::ChatRequest request, const config::TrustConfig& trust,
                               const BoundaryMarkers& markers) {
  // What the client sent reaches the provider as sent, unless the operator asked.
  if (!trust.wrapUserText) return trust.stripInvisible ? stripOnly(std::move(request)) : request;
  const Sanitiser sanitiser(trust, markers);
  chat::ChatRequest out = std::move(request);
  bool wrapped = false;
  for (ChatMessage& m : out.messages) {
    if (isSystem(m)) continue;
    const std::optional<UntrustedKind> kind = wrappedAs(m);
    for (ContentPart& part : m.content) {
      if (part.kind != ContentPart::Kind::Text) continue;
      part.text = kind ? sanitiser.wrap(*kind, part.text) : sanitiser.clean(part.text);
      wrapped = wrapped || kind.has_value();
    }
  }
  // The cacheable prefix now starts with the added system message.
  if (wrapped) explainBoundaryMarkers(out);
  return out;
}

void explainBoundaryMarkers(chat::ChatRequest& request) {
  // The cacheable prefix now starts with the added system message.
  if (explainMarkers(request.messages) && request.promptCache)
    ++request.promptCache->prefixMessages;
}

}  // namespace manifold::trust
