#include "SecretReader.h"

#include <manifold/adapter.hpp>

#include <fstream>
#include <sstream>

namespace sibling {

std::optional<std::string> readSecret(const manifold::Host& host, const SecretRef& ref) {
  std::optional<std::string> value;
  if (ref.from == SecretRef::From::Env) {
    value = host.secret(ref.name);
  } else {
    std::ifstream in(ref.name, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    value = text.str();
  }
  if (!value) return std::nullopt;
  const std::string trimmed(manifold::adapter::trim(*value));
  if (trimmed.empty()) return std::nullopt;
  return trimmed;
}

}  // namespace sibling
