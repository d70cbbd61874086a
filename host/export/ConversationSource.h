#pragma once

#include <functional>
#include <optional>
#include <string>

namespace manifold::exporting {

/// Where an export by conversation_id finds its messages: the owner's key id
/// ("" for the master) and the conversation id in; the conversation's
/// complete turns out, as an OpenAI-shaped messages JSON array. nullopt when
/// there is no such conversation or another key owns it (both answered the
/// same way, so an id never tells whether it exists).
using ConversationSource =
    std::function<std::optional<std::string>(const std::string& keyId, const std::string& id)>;

}  // namespace manifold::exporting
