#pragma once

#include <optional>
#include <string>

namespace weather {

/// The place a free-text message asks about: the words after "in", "for",
/// "at" or "near", up to a time word ("today", "tomorrow", "this", ...), a
/// sentence mark or four words; "Springfield, Illinois" keeps its qualifier.
/// A capitalised candidate wins over a lower-case one ("weather for tomorrow
/// in Lisbon" -> "Lisbon"); nullopt when the message names no place.
std::optional<std::string> placeInText(const std::string& text);

}  // namespace weather
