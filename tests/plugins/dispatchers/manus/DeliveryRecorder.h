#pragma once

#include <Poco/Net/HTTPServer.h>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace manifold::test {

/// An HTTP server on loopback standing where the gateway's webhook receiver
/// would: it keeps every POST as it arrived (raw body, headers) and answers 200.
class DeliveryRecorder {
 public:
  struct Delivery {
    std::string path;
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;
  };

  DeliveryRecorder();
  ~DeliveryRecorder();

  uint16_t port() const;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }

  /// Waits (up to 20 s) until `count` deliveries have arrived; returns them all.
  std::vector<Delivery> waitFor(size_t count);

  void record(Delivery delivery);

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Delivery> deliveries_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace manifold::test
