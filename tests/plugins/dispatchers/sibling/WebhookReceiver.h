#pragma once

#include <Poco/Net/HTTPServer.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace manifold::test {

/// One delivery as it arrived: the three Standard Webhooks headers and the raw body.
struct Delivery {
  std::string id;
  std::string timestamp;
  std::string signature;
  std::string body;
};

/// An HTTP server on loopback that takes webhook deliveries, answers 204 and
/// keeps them, standing in for the gateway's /webhooks endpoint.
class WebhookReceiver {
 public:
  WebhookReceiver();
  ~WebhookReceiver();

  std::string url() const;
  /// Waits until `count` deliveries have arrived or `limit` passes, and
  /// returns those that have.
  std::vector<Delivery> waitFor(size_t count,
                                std::chrono::milliseconds limit = std::chrono::seconds(10));

  void add(Delivery delivery);

 private:
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Delivery> deliveries_;
};

}  // namespace manifold::test
