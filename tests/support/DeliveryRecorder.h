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

/// An HTTP server on loopback standing where a webhook receiver would (the
/// gateway's, a client's): it keeps every request as it arrived (path, headers,
/// raw body) and answers 200.
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

  /// Waits until `count` deliveries have arrived or `limit` passes; returns
  /// those that have.
  std::vector<Delivery> waitFor(size_t count,
                                std::chrono::milliseconds limit = std::chrono::seconds(20));

  void record(Delivery delivery);

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Delivery> deliveries_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace manifold::test
