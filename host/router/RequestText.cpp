#include "router/RequestText.h"

namespace manifold::router {

RouterInput routerInputFor(const chat::ChatRequest& request, std::string& scratch) {
  RouterInput input;
  input.imageAttached = request.hasImages();
  for (auto m = request.messages.rbegin(); m != request.messages.rend(); ++m) {
    if (m->role != "user") continue;
    const chat::ContentPart* only = nullptr;
    size_t textParts = 0;
    for (const chat::ContentPart& part : m->content) {
      if (part.kind != chat::ContentPart::Kind::Text) continue;
      only = &part;
      ++textParts;
    }
    if (textParts == 1) {
      input.text = only->text;
    } else if (textParts > 1) {
      scratch.clear();
      for (const chat::ContentPart& part : m->content) {
        if (part.kind != chat::ContentPart::Kind::Text) continue;
        if (!scratch.empty()) scratch += '\n';
        scratch.append(part.text, 0, RouterInput::kPrefixBytes - scratch.size());
        if (scratch.size() >= RouterInput::kPrefixBytes) break;
      }
      input.text = scratch;
    }
    break;
  }
  return input;
}

}  // namespace manifold::router
