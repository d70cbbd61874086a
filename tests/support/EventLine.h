#pragma once

#include <string>

#include "chat/CanonicalEvent.h"

namespace manifold::test {

/// One event as a line of text, so that whole streams compare at a glance:
/// "text:Hi", "reasoning:...", "tool:0:id:name:args",
/// "usage:prompt:completion:cached:reasoning[:cache_write]", "finish:N",
/// "error:code:retryable|final:message". The cache-write count is appended
/// only when it is known. Needs neither GoogleTest nor Poco, so the Windows
/// plugin probe (tests/windows) prints events in the same words.
std::string describe(const chat::CanonicalEvent& event);

}  // namespace manifold::test
