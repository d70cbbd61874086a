#pragma once

#include <cstdint>

namespace manifold::chat {

/// The OpenAI-style `code` string for an MF_ERR_* code ("rate_limited", ...).
const char* openAiErrorCode(int32_t code);

}  // namespace manifold::chat
