#include "failover/LoggableReason.h"

#include "chat/ErrorCodes.h"
#include "logging/LogContent.h"
#include "plugins/AbiStrings.h"

namespace manifold::failover {

std::string loggableReason(const mf_error& error) {
  std::string message = plugins::errorMessage(error);
  if (logging::LogContent::included()) return message;
  const std::string prefix = kInBandPrefix;
  if (message.compare(0, prefix.size(), prefix) == 0)
    return prefix + chat::openAiErrorCode(error.code) + " " +
           logging::LogContent::redact(message.substr(prefix.size()), "provider message");
  if (error.upstream_status == 0) return message;
  return std::string(chat::openAiErrorCode(error.code)) + ", upstream status " +
         std::to_string(error.upstream_status) + " " +
         logging::LogContent::redact(message, "provider message");
}

}  // namespace manifold::failover
