#include "tasks/ClientWebhooks.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Logger.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "tasks/TaskJson.h"
#include "webhooks/StandardWebhooks.h"

namespace manifold::tasks {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("tasks");
}

const char* const kSpace = "manifold.tasks";
const char* const kSecretKey = "client_webhook_secret";

std::string base64(const unsigned char* bytes, size_t n) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(reinterpret_cast<const char*>(bytes), static_cast<std::streamsize>(n));
  encoder.close();
  return out.str();
}

std::string randomBase64(size_t n) {
  std::string bytes(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(n)) != 1)
    throw std::runtime_error("no random bytes for a webhook secret");
  return base64(reinterpret_cast<const unsigned char*>(bytes.data()), n);
}

int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ClientWebhooks::ClientWebhooks(store::KeyValueStore& store, upstream::HttpExchange& http,
                               int64_t retryBaseMs)
    : store_(store), http_(http), retryBaseMs_(retryBaseMs) {
  thread_ = std::thread([this] { run(); });
}

ClientWebhooks::~ClientWebhooks() {
  stop();
}

void ClientWebhooks::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

const std::string& ClientWebhooks::gatewaySecret() {
  std::lock_guard<std::mutex> lock(secretMutex_);
  if (gatewaySecret_.empty()) {
    if (auto kept = store_.get(kSpace, kSecretKey)) {
      gatewaySecret_ = *kept;
    } else {
      gatewaySecret_ = randomBase64(32);
      store_.put(kSpace, kSecretKey, gatewaySecret_, 0);
    }
  }
  return gatewaySecret_;
}

std::string ClientWebhooks::secretFor(const std::string& keyId) {
  const std::string& secret = gatewaySecret();
  unsigned char digest[32];
  unsigned int length = sizeof(digest);
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(keyId.data()), keyId.size(), digest, &length);
  return "whsec_" + base64(digest, length);
}

void ClientWebhooks::stateChanged(const Task& task, int64_t eventSeq) {
  if (task.webhookUrl.empty()) return;
  json::Value body = json::Value::object();
  body.set("type", "task.state");
  body.set("timestamp", nowSeconds());
  body.set("data", taskJson(task));
  Delivery delivery{task.id,
                    task.webhookUrl,
                    task.ownerKeyId,
                    "msg_" + task.id + "_" + std::to_string(eventSeq),
                    json::stringify(body),
                    0,
                    std::chrono::steady_clock::now()};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(delivery));
  }
  wake_.notify_all();
}

bool ClientWebhooks::send(const Delivery& delivery) {
  const int64_t timestamp = nowSeconds();
  upstream::OutboundRequest request;
  request.method = "POST";
  request.url = delivery.url;
  request.body = delivery.body;
  request.timeoutMs = 10000;
  request.headers = {
      {"Content-Type", "application/json"},
      {"webhook-id", delivery.webhookId},
      {"webhook-timestamp", std::to_string(timestamp)},
      {"webhook-signature", webhooks::StandardWebhooks(secretFor(delivery.keyId))
                                .sign(delivery.webhookId, timestamp, delivery.body)}};
  int status = 0;
  upstream::ResponseHandler handler;
  handler.onHead = [&status](int s, const upstream::HeaderList&) { status = s; };
  handler.onChunk = [](std::string_view) { return true; };
  const upstream::TransportFailure failure = http_.send(request, handler);
  if (failure) {
    logger().warning("client webhook %s: %s", delivery.webhookId, failure.message);
    return false;
  }
  if (status < 200 || status > 299) {
    logger().warning("client webhook %s: answered HTTP %d", delivery.webhookId, status);
    return false;
  }
  return true;
}

std::deque<ClientWebhooks::Delivery>::iterator ClientWebhooks::nextDue() {
  std::set<std::string> seen;
  auto next = queue_.end();
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    if (!seen.insert(it->taskId).second) continue;
    if (next == queue_.end() || it->due < next->due) next = it;
  }
  return next;
}

void ClientWebhooks::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    auto next = nextDue();
    if (next == queue_.end()) {
      wake_.wait(lock);
      continue;
    }
    if (next->due > std::chrono::steady_clock::now()) {
      wake_.wait_until(lock, next->due);
      continue;
    }
    Delivery delivery = std::move(*next);
    queue_.erase(next);
    lock.unlock();
    const bool sent = send(delivery);
    lock.lock();
    if (sent) continue;
    if (++delivery.tries >= kMaxTries) {
      ++givenUp_;
      logger().error("client webhook %s to %s given up after %d tries", delivery.webhookId,
                     delivery.url, delivery.tries);
      continue;
    }
    delivery.due = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(retryBaseMs_ << (delivery.tries - 1));
    queue_.push_front(std::move(delivery));  // still ahead of its task's later ones
  }
}

}  // namespace manifold::tasks
