#include "SiblingDispatcher.h"

#include <manifold/json.hpp>

#include "SecretReader.h"
#include "TaskProtocol.h"

namespace sibling {
namespace {

using manifold::json::Value;

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

}  // namespace

SiblingDispatcher::SiblingDispatcher(manifold::Host host, std::string_view)
    : host_(host), settings_(SiblingSettings::load(host)) {}

const ServiceSettings& SiblingDispatcher::known(std::string_view service) const {
  const ServiceSettings* found = settings_.find(service);
  if (!found)
    throw manifold::Error(MF_ERR_NOT_FOUND, "no sibling service " + quoted(service) +
                                                " is declared in plugins.settings.sibling");
  return *found;
}

std::string SiblingDispatcher::unavailableBecause(const ServiceSettings& service) const {
  if (service.endpoint.empty()) return "endpoint not set";
  if (!readSecret(host_, service.authSecret))
    return "auth secret (" + service.authSecret.describe() + ") is not set";
  return "";
}

std::string SiblingDispatcher::listServices() {
  Value list = Value::array();
  for (const ServiceSettings& service : settings_.services()) {
    Value intents = Value::array();
    for (const manifold::Intent& intent : service.intents) intents.push(Value(intent.name));
    const std::string why = unavailableBecause(service);
    Value entry = Value::object();
    entry.set("service", Value(service.id));
    entry.set("intents", std::move(intents));
    entry.set("enabled", why.empty());
    if (!why.empty())
      entry.set("detail", Value(why));
    else if (service.webhookSecrets.empty())
      entry.set("detail", Value(service.endpoint + " (no webhook secret: polled only)"));
    else
      entry.set("detail", Value(service.endpoint));
    list.push(std::move(entry));
  }
  return manifold::json::stringify(list);
}

manifold::HttpResponse SiblingDispatcher::call(const ServiceSettings& service,
                                               const std::string& method, const std::string& path,
                                               std::string body, std::string_view what) {
  if (service.endpoint.empty())
    throw manifold::Error(MF_ERR_UNAVAILABLE, "sibling service " + quoted(service.id) +
                                                  " is disabled: endpoint not set");
  const std::optional<std::string> secret = readSecret(host_, service.authSecret);
  if (!secret)
    throw manifold::Error(MF_ERR_AUTH, "sibling service " + quoted(service.id) + ": auth secret (" +
                                           service.authSecret.describe() + ") is not set");
  manifold::HttpRequest request;
  request.method = method;
  request.url = service.endpoint + path;
  request.headers.push_back({"Authorization", "Bearer " + *secret});
  request.headers.push_back({"Accept", "application/json"});
  if (!body.empty()) request.headers.push_back({"Content-Type", "application/json"});
  request.body = std::move(body);
  request.timeoutMs = service.timeoutMs;

  manifold::HttpResponse response;
  try {
    response = host_.fetch(request);
  } catch (const manifold::Error& e) {
    throw manifold::Error(e.code(),
                          "sibling service " + quoted(service.id) + " could not be reached for " +
                              std::string(what) + ": " + e.what(),
                          e.retryable(), e.upstreamStatus(), e.retryAfterMs());
  }
  if (response.status < 200 || response.status > 299) {
    std::vector<manifold::HeaderView> headers;
    for (const manifold::Header& h : response.headers) headers.push_back({h.name, h.value});
    throw protocol::errorFromAnswer(response.status, headers, response.body, service.id, what,
                                    host_.nowUnixMs());
  }
  return response;
}

std::string SiblingDispatcher::startTask(std::string_view service, std::string_view taskJson) {
  const ServiceSettings& s = known(service);
  std::string body = protocol::createBody(taskJson);
  const manifold::HttpResponse answer = call(s, "POST", "/tasks", std::move(body), "create");
  return protocol::updateFromStatus(answer.body, s.id);
}

std::string SiblingDispatcher::checkTask(std::string_view service, std::string_view remoteId) {
  const ServiceSettings& s = known(service);
  const manifold::HttpResponse answer =
      call(s, "GET", "/tasks/" + protocol::pathSegment(remoteId), "", "status");
  return protocol::updateFromStatus(answer.body, s.id);
}

void SiblingDispatcher::stopTask(std::string_view service, std::string_view remoteId) {
  const ServiceSettings& s = known(service);
  call(s, "POST", "/tasks/" + protocol::pathSegment(remoteId) + "/cancel", "", "cancel");
}

std::string SiblingDispatcher::webhookVerifier(std::string_view service, bool) {
  const ServiceSettings& s = known(service);
  Value secrets = Value::array();
  for (const SecretRef& ref : s.webhookSecrets) {
    const std::optional<std::string> secret = readSecret(host_, ref);
    if (!secret)
      host_.warn("sibling service " + quoted(s.id) + ": webhook secret (" + ref.describe() +
                 ") is not set; it verifies nothing");
    else if (secret->rfind("whsec_", 0) != 0)
      host_.warn("sibling service " + quoted(s.id) + ": webhook secret (" + ref.describe() +
                 ") does not start with whsec_; it verifies nothing");
    else
      secrets.push(Value(*secret));
  }
  Value verifier = Value::object();
  if (secrets.size() == 0) {
    verifier.set("scheme", Value("none"));
  } else {
    verifier.set("scheme", Value("standard-webhooks"));
    verifier.set("secrets", std::move(secrets));
  }
  return manifold::json::stringify(verifier);
}

std::string SiblingDispatcher::applyWebhook(std::string_view service,
                                            const std::vector<manifold::HeaderView>&,
                                            std::string_view verifiedBody) {
  return protocol::updateFromWebhook(verifiedBody, known(service).id);
}

}  // namespace sibling
