#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/DeliveryRecorder.h"

namespace manifold::test {

/// One delivery as it arrived: the three Standard Webhooks headers and the raw body.
struct Delivery {
  std::string id;
  std::string timestamp;
  std::string signature;
  std::string body;
};

/// Standard Webhooks deliveries to a loopback server, standing in for the
/// gateway's /webhooks endpoint.
class WebhookReceiver {
 public:
  std::string url() const { return recorder_.url() + "/webhooks/sibling/rag"; }
  /// Waits until `count` deliveries have arrived or `limit` passes, and
  /// returns those that have.
  std::vector<Delivery> waitFor(size_t count,
                                std::chrono::milliseconds limit = std::chrono::seconds(10));

 private:
  DeliveryRecorder recorder_;
};

}  // namespace manifold::test
