#include "plugins/dispatchers/sibling/WebhookReceiver.h"

namespace manifold::test {

std::vector<Delivery> WebhookReceiver::waitFor(size_t count, std::chrono::milliseconds limit) {
  std::vector<Delivery> out;
  for (const DeliveryRecorder::Delivery& d : recorder_.waitFor(count, limit)) {
    const auto header = [&](const char* name) {
      const auto it = d.headers.find(name);
      return it == d.headers.end() ? std::string() : it->second;
    };
    out.push_back(
        {header("webhook-id"), header("webhook-timestamp"), header("webhook-signature"), d.body});
  }
  return out;
}

}  // namespace manifold::test
