#include "http/AdminKeysHandler.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include "http/HttpReplies.h"
#include "keys/KeyChanges.h"
#include "keys/Secrets.h"

namespace manifold::http {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

constexpr int64_t kMaxAdminBody = 64 * 1024;

int64_t nowMs() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

Poco::Dynamic::Var orNull(const std::optional<double>& v) {
  return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

Array::Ptr arrayOf(const std::vector<std::string>& items) {
  Array::Ptr a = new Array;
  for (const std::string& item : items) a->add(item);
  return a;
}

Object::Ptr toJson(const keys::KeyRecord& k, int64_t now) {
  Object::Ptr o = new Object;
  o->set("id", k.id);
  o->set("name", k.name);
  o->set("secret_hint", k.secretHint);
  o->set("created_at_ms", k.createdAtMs);
  o->set("expires_at_ms", k.expiresAtMs ? Poco::Dynamic::Var(k.expiresAtMs) : Poco::Dynamic::Var());
  o->set("revoked", k.revokedAtMs != 0);
  o->set("active", k.usableAt(now));
  o->set("allowed_modes", arrayOf(k.limits.allowedModes));
  o->set("allowed_engines", arrayOf(k.limits.allowedEngines));
  o->set("allowed_tools", arrayOf(k.limits.allowedTools));
  o->set("rpm", k.limits.rpm);
  o->set("tpm", k.limits.tpm);
  o->set("max_concurrent", k.limits.maxConcurrent);
  o->set("daily_budget_usd", orNull(k.limits.dailyBudgetUsd));
  o->set("monthly_budget_usd", orNull(k.limits.monthlyBudgetUsd));
  return o;
}

}  // namespace

void AdminKeysHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                     Poco::Net::HTTPServerResponse& response) {
  if (!context_.access().requireMaster(request, response)) return;
  const std::string& method = request.getMethod();
  if (keyId_.empty()) {
    if (method == HTTPRequest::HTTP_POST) return create(request, response);
    if (method != HTTPRequest::HTTP_GET) {
      response.set("Allow", "GET, POST");
      return sendError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                       "use GET to list keys or POST to create one");
    }
    Array::Ptr list = new Array;
    const int64_t now = nowMs();
    for (const keys::KeyRecord& k : keys_.list()) list->add(toJson(k, now));
    Object::Ptr body = new Object;
    body->set("object", "list");
    body->set("data", list);
    return sendJson(response, HTTPResponse::HTTP_OK, body);
  }
  const std::shared_ptr<const keys::KeyRecord> key = keys_.byId(keyId_);
  if (!key)
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no key " + keyId_, "", "not_found");
  if (method == HTTPRequest::HTTP_GET)
    return sendJson(response, HTTPResponse::HTTP_OK, toJson(*key, nowMs()));
  if (method == "PATCH" || method == HTTPRequest::HTTP_POST) return change(request, response);
  if (method == HTTPRequest::HTTP_DELETE) {
    keys::KeyRecord revoked = *key;
    if (!revoked.revokedAtMs) revoked.revokedAtMs = nowMs();
    keys_.replace(revoked);
    Poco::Logger::get("auth").notice("key %s (%s) revoked", revoked.id, revoked.name);
    return sendJson(response, HTTPResponse::HTTP_OK, toJson(revoked, nowMs()));
  }
  response.set("Allow", "GET, PATCH, DELETE");
  sendError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
            "use GET, PATCH or DELETE (revoke) on a key");
}

void AdminKeysHandler::create(Poco::Net::HTTPServerRequest& request,
                              Poco::Net::HTTPServerResponse& response) {
  const std::optional<std::string> body = readBody(request, response, kMaxAdminBody);
  if (!body) return;
  const int64_t now = nowMs();
  keys::KeyRecord key;
  if (const auto problem = keys::applyKeyChanges(*body, true, now, key))
    return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem->message, problem->param);
  const std::string secret = keys::newKeySecret();
  key.id = "key_" + keys::randomHex(8);
  key.secretSha256 = keys::sha256Hex(secret);
  key.secretHint = secret.substr(0, 8) + "...";
  key.createdAtMs = now;
  keys_.add(key);
  Poco::Logger::get("auth").notice("key %s (%s) created", key.id, key.name);
  Object::Ptr out = toJson(key, now);
  out->set("secret", secret);  // the one time it is shown
  sendJson(response, HTTPResponse::HTTP_CREATED, out);
}

void AdminKeysHandler::change(Poco::Net::HTTPServerRequest& request,
                              Poco::Net::HTTPServerResponse& response) {
  const std::optional<std::string> body = readBody(request, response, kMaxAdminBody);
  if (!body) return;
  const std::shared_ptr<const keys::KeyRecord> held = keys_.byId(keyId_);
  if (!held)
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no key " + keyId_, "", "not_found");
  keys::KeyRecord key = *held;
  if (const auto problem = keys::applyKeyChanges(*body, false, nowMs(), key))
    return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem->message, problem->param);
  keys_.replace(key);
  sendJson(response, HTTPResponse::HTTP_OK, toJson(key, nowMs()));
}

}  // namespace manifold::http
