#include "CloudflareAccount.h"

namespace openai_compatible {

CloudflareAccount CloudflareAccount::fromKey(std::string_view key) {
  const size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == key.size())
    throw manifold::Error(MF_ERR_AUTH,
                          "openai-compatible: a cloudflare key must be \"account_id:token\"");
  return {std::string(key.substr(0, colon)), std::string(key.substr(colon + 1))};
}

std::string CloudflareAccount::runUrl(const std::string& baseUrl, std::string_view model) const {
  return baseUrl + "/accounts/" + accountId + "/ai/run/" + std::string(model);
}

}  // namespace openai_compatible
