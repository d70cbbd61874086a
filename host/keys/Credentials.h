#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace manifold::keys {

/// The longest secret worth hashing; anything longer is refused unread.
inline constexpr size_t kMaxSecretBytes = 256;

/// The secret a client presents: `Authorization: Bearer <secret>` (as the
/// OpenAI SDK sends it) or `x-api-key: <secret>` (the Anthropic SDK), as
/// passed in `authorization` and `apiKey` (either may be empty). Nullopt
/// for none, a malformed header, or a secret over kMaxSecretBytes.
std::optional<std::string> presentedSecret(std::string_view authorization, std::string_view apiKey);

}  // namespace manifold::keys
