#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "store/KeyValueStore.h"
#include "tasks/Task.h"
#include "upstream/HttpExchange.h"

namespace manifold::tasks {

/// Tells a client's webhook_url about its task's state changes, as Standard
/// Webhooks deliveries signed under a secret per gateway key. Deliveries go
/// out on one thread, through the host's upstream client (so the egress
/// policy applies), and are retried with backoff, at most kMaxTries times.
class ClientWebhooks {
 public:
  static constexpr int kMaxTries = 5;

  /// `retryBaseMs`: the wait after the first failure; it doubles after each.
  ClientWebhooks(store::KeyValueStore& store, upstream::HttpExchange& http,
                 int64_t retryBaseMs = 1000);
  ~ClientWebhooks();
  ClientWebhooks(const ClientWebhooks&) = delete;
  ClientWebhooks& operator=(const ClientWebhooks&) = delete;

  /// "whsec_" + base64(HMAC-SHA256(gateway secret, key id)). The gateway
  /// secret is made once and kept in the store, so it survives restarts.
  std::string secretFor(const std::string& keyId);
  /// Queues one delivery of the task as it is now ({"type": "task.state",
  /// "timestamp", "data": task}), when it has a webhook_url. `eventSeq`, the
  /// state event's, makes the webhook id, so a client can drop a retry it
  /// already took.
  void stateChanged(const Task& task, int64_t eventSeq);
  void stop();
  /// Deliveries dropped after kMaxTries failures, since start.
  uint64_t givenUp() const { return givenUp_.load(); }

 private:
  struct Delivery {
    std::string taskId;
    std::string url;
    std::string keyId;
    std::string webhookId;
    std::string body;
    int tries = 0;
    std::chrono::steady_clock::time_point due;
  };
  void run();
  /// The delivery to send next: the earliest due among each task's oldest
  /// (a task's deliveries go out in order, a retry holding back later ones).
  std::deque<Delivery>::iterator nextDue();
  bool send(const Delivery& delivery);
  const std::string& gatewaySecret();

  store::KeyValueStore& store_;
  upstream::HttpExchange& http_;
  const int64_t retryBaseMs_;
  std::mutex secretMutex_;
  std::string gatewaySecret_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Delivery> queue_;
  bool stopping_ = false;
  std::atomic<uint64_t> givenUp_{0};
  std::thread thread_;
};

}  // namespace manifold::tasks
