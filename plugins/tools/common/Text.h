#pragma once

#include <string>

namespace toolcommon {

/// ASCII case folding: enough for codes, keywords and comparing place names.
std::string lowercase(std::string text);
std::string uppercase(std::string text);
/// Without leading and trailing blanks (space, tab, CR, LF).
std::string trimmed(const std::string& text);

}  // namespace toolcommon
