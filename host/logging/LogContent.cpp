#include "logging/LogContent.h"

namespace manifold::logging {

std::atomic<bool> LogContent::included_{false};

std::string LogContent::redact(const std::string& text, const char* what) {
  if (included() || text.empty()) return text;
  return std::string("(") + what + " withheld, " + std::to_string(text.size()) +
         " bytes; logging.include_content is off)";
}

}  // namespace manifold::logging
