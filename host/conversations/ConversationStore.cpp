#include "conversations/ConversationStore.h"

#include <manifold/json.hpp>

#include "conversations/MessageJson.h"
#include "keys/Secrets.h"

namespace manifold::conversations {

std::optional<std::string> ConversationStore::messagesJson(const std::string& keyId,
                                                           const std::string& id) {
  if (!get(keyId, id)) return std::nullopt;
  json::Value out = json::Value::array();
  for (const StoredMessage& m : messages(keyId, id, /*withFailed=*/false))
    out.push(openAiMessage(m.json));
  return json::stringify(out);
}

std::string newConversationId() {
  return "conv_" + keys::randomHex(12);
}

}  // namespace manifold::conversations
