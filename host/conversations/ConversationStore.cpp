#include "conversations/ConversationStore.h"

#include <openssl/rand.h>
#include <manifold/json.hpp>

#include <stdexcept>

#include "conversations/MessageJson.h"

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
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1)
    throw std::runtime_error("no random bytes for a conversation id");
  static const char* const hex = "0123456789abcdef";
  std::string id = "conv_";
  for (unsigned char b : bytes) {
    id += hex[b >> 4];
    id += hex[b & 15];
  }
  return id;
}

}  // namespace manifold::conversations
