#include "http/UsageHandler.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <map>

#include "http/HttpReplies.h"
#include "http/UsageJson.h"
#include "usage/DayRange.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

std::map<std::string, std::string> queryOf(const Poco::Net::HTTPServerRequest& request) {
  std::map<std::string, std::string> params;
  try {
    for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters())
      params[name] = value;
  } catch (const Poco::Exception&) {
    // a malformed query names nothing
  }
  return params;
}

}  // namespace

void UsageHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response) {
  const std::optional<Caller> caller =
      scope_ == Scope::OwnKey ? context_.access().requireKey(request, response)
                              : context_.access().requireDashboardReader(request, response);
  if (!caller) return;
  std::map<std::string, std::string> params = queryOf(request);
  std::string problem, param;
  const int64_t nowMs = Poco::Timestamp().epochMicroseconds() / 1000;
  const std::optional<usage::DayRange> range =
      usage::DayRange::parse(params["from"], params["to"], nowMs, problem, param);
  if (!range) {
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem, param);
    return;
  }
  store::UsageQuery query{std::nullopt, range->fromMs, range->toMs};
  if (scope_ == Scope::OwnKey)
    query.keyId = caller->keyId;
  else if (params.count("key_id"))
    query.keyId = params["key_id"];

  std::vector<store::UsageRow> rows;
  try {
    rows = context_.usage().usage(query);
  } catch (const std::exception& e) {
    Poco::Logger::get("usage").error("cannot read usage: %s", std::string(e.what()));
    sendError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "usage cannot be read right now");
    return;
  }

  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("object", scope_ == Scope::OwnKey ? "usage" : "usage.list");
  body->set("from", range->from);
  body->set("to", range->to);
  if (scope_ == Scope::OwnKey) {
    Poco::JSON::Object::Ptr own = usageJson(caller->keyId, rows);
    for (const char* name : {"key_id", "totals", "by_day", "by_model"})
      body->set(name, own->get(name));
  } else {
    std::map<std::string, std::vector<store::UsageRow>> byKey;  // rows come ordered by key
    for (store::UsageRow& r : rows) byKey[r.keyId].push_back(std::move(r));
    Poco::JSON::Array::Ptr keys = new Poco::JSON::Array;
    for (const auto& [keyId, rowsOfKey] : byKey) keys->add(usageJson(keyId, rowsOfKey));
    body->set("keys", keys);
  }
  sendJson(response, HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
