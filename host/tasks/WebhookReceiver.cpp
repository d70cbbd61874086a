#include "tasks/WebhookReceiver.h"

#include <Poco/Logger.h>
#include <Poco/String.h>

#include <charconv>
#include <chrono>
#include <memory>
#include <stdexcept>

#include "tasks/DispatcherDirectory.h"
#include "tasks/TaskService.h"
#include "webhooks/ManusSignature.h"
#include "webhooks/StandardWebhooks.h"

namespace manifold::tasks {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("webhooks");
}

int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string header(const WebhookHeaders& headers, const char* name) {
  for (const auto& [key, value] : headers)
    if (Poco::icompare(key, name) == 0) return value;
  return "";
}

WebhookOutcome refused(const std::string& reason, const std::string& message) {
  return WebhookOutcome{401, reason, message};
}

/// The reason code for a signing time outside the tolerance, or "" when it is within.
std::string timestampReason(const std::string& timestamp, int64_t now) {
  int64_t sent = 0;
  const auto [end, error] =
      std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  if (timestamp.empty() || error != std::errc() || end != timestamp.data() + timestamp.size())
    return "invalid_timestamp";
  if (sent < now - WebhookReceiver::kToleranceSeconds) return "timestamp_too_old";
  if (sent > now + WebhookReceiver::kToleranceSeconds) return "timestamp_in_future";
  return "";
}

bool standardWebhooksValid(const WebhookVerifier& verifier, const WebhookDelivery& delivery,
                           const std::string& id, const std::string& timestamp,
                           const std::string& signatures, int64_t now) {
  for (const std::string& secret : verifier.secrets) {
    try {
      if (webhooks::StandardWebhooks(secret)
              .verify(id, timestamp, signatures, delivery.body, now,
                      WebhookReceiver::kToleranceSeconds)
              .valid)
        return true;
    } catch (const std::invalid_argument& e) {
      logger().error("webhook %s: a secret its dispatcher named is unusable: %s",
                     delivery.dispatcher, std::string(e.what()));
    }
  }
  return false;
}

}  // namespace

WebhookReceiver::WebhookReceiver(TaskService& tasks, DispatcherDirectory& dispatchers,
                                 TaskStore& store)
    : tasks_(tasks), dispatchers_(dispatchers), store_(store) {}

WebhookOutcome WebhookReceiver::check(const WebhookVerifier& verifier,
                                      const WebhookDelivery& delivery, std::string& replayKey) {
  const int64_t now = nowSeconds();
  switch (verifier.scheme) {
    case WebhookVerifier::Scheme::None:
      return refused("no_webhook_scheme", "this service takes no webhooks");
    case WebhookVerifier::Scheme::StandardWebhooks: {
      const std::string id = header(delivery.headers, "webhook-id");
      const std::string timestamp = header(delivery.headers, "webhook-timestamp");
      const std::string signatures = header(delivery.headers, "webhook-signature");
      if (id.empty() || timestamp.empty() || signatures.empty())
        return refused("missing_signature",
                       "webhook-id, webhook-timestamp and webhook-signature are required");
      if (std::string reason = timestampReason(timestamp, now); !reason.empty())
        return refused(reason,
                       "webhook-timestamp is outside the 5-minute tolerance or not a number");
      if (!standardWebhooksValid(verifier, delivery, id, timestamp, signatures, now))
        return refused("signature_mismatch", "no webhook-signature entry matches");
      replayKey = id;
      return {};
    }
    case WebhookVerifier::Scheme::ManusRsa: {
      const std::string signature = header(delivery.headers, "x-webhook-signature");
      const std::string timestamp = header(delivery.headers, "x-webhook-timestamp");
      if (signature.empty() || timestamp.empty())
        return refused("missing_signature",
                       "X-Webhook-Signature and X-Webhook-Timestamp are required");
      if (std::string reason = timestampReason(timestamp, now); !reason.empty())
        return refused(reason,
                       "X-Webhook-Timestamp is outside the 5-minute tolerance or not a number");
      if (delivery.url.empty())
        return refused("no_public_url",
                       "server.public_url is not set, so the signed URL is unknown");
      try {
        if (!webhooks::ManusSignature(verifier.publicKeyPem)
                 .verify(signature, timestamp, delivery.url, delivery.body, now, kToleranceSeconds)
                 .valid)
          return refused("signature_mismatch", "X-Webhook-Signature does not match");
      } catch (const std::invalid_argument& e) {
        logger().error("webhook %s: the public key its dispatcher named is unusable: %s",
                       delivery.dispatcher, std::string(e.what()));
        return refused("signature_mismatch", "X-Webhook-Signature cannot be checked");
      }
      // Manus sends no delivery id: the signature is unique to one delivery.
      replayKey = "manus-rsa:" + signature;
      return {};
    }
  }
  return refused("no_webhook_scheme", "unknown scheme");
}

WebhookOutcome WebhookReceiver::verify(Dispatcher& dispatcher, const WebhookDelivery& delivery,
                                       std::string& replayKey) {
  WebhookOutcome outcome = check(dispatcher.verifier(delivery.service, false), delivery, replayKey);
  // A key rotated at the sender: ask the dispatcher once for fresh keys.
  if (outcome.reason == "signature_mismatch")
    outcome = check(dispatcher.verifier(delivery.service, true), delivery, replayKey);
  return outcome;
}

WebhookOutcome WebhookReceiver::receive(const WebhookDelivery& delivery) {
  WebhookOutcome outcome;
  std::shared_ptr<Dispatcher> dispatcher = dispatchers_.find(delivery.dispatcher);
  std::string replayKey;
  try {
    if (!dispatcher) {
      outcome = refused("unknown_dispatcher", "no dispatcher \"" + delivery.dispatcher + "\"");
    } else {
      outcome = verify(*dispatcher, delivery, replayKey);
      if (outcome.reason.empty() &&
          !store_.markWebhookSeen(delivery.dispatcher, replayKey,
                                  std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count()))
        outcome = refused("replayed_webhook_id", "this delivery was already applied");
    }
  } catch (const DispatchError& e) {
    outcome = WebhookOutcome{502, "verifier_failed", "the dispatcher named no usable verifier"};
    logger().error("webhook %s/%s: the dispatcher's verifier failed: %s", delivery.dispatcher,
                   delivery.service, std::string(e.what()));
    return outcome;
  }
  if (!outcome.reason.empty()) {
    logger().warning("webhook %s/%s refused: %s", delivery.dispatcher, delivery.service,
                     outcome.reason);
    return outcome;
  }

  RemoteUpdate update;
  try {
    update = dispatcher->applyWebhook(delivery.service, delivery.headers, delivery.body);
  } catch (const DispatchError& e) {
    logger().warning("webhook %s/%s: verified, but the dispatcher could not read it: %s",
                     delivery.dispatcher, delivery.service, std::string(e.what()));
    return WebhookOutcome{400, "unreadable_delivery", e.what()};
  }
  if (update.ignore) return {};
  try {
    if (!tasks_.applyRemote(delivery.dispatcher, update, true))
      logger().information("webhook %s/%s: verified, but no task matches it", delivery.dispatcher,
                           delivery.service);
  } catch (const std::exception& e) {
    // Not applied: the sender retries a 5xx with the same id, and that retry
    // must apply, not be refused as a replay.
    logger().error("webhook %s/%s: verified, but the task could not be updated: %s",
                   delivery.dispatcher, delivery.service, std::string(e.what()));
    try {
      store_.forgetWebhookSeen(delivery.dispatcher, replayKey);
    } catch (const std::exception& forget) {
      logger().error("webhook %s/%s: its id stays marked as seen: %s", delivery.dispatcher,
                     delivery.service, std::string(forget.what()));
    }
    return WebhookOutcome{503, "apply_failed", "the update could not be stored; retry it"};
  }
  return {};
}

}  // namespace manifold::tasks
