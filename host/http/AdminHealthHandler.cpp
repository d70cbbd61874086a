#include "http/AdminHealthHandler.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include <map>

#include "http/DispatchersJson.h"
#include "http/HealthWindowJson.h"
#include "http/HttpReplies.h"
#include "usage/EngineWindows.h"

namespace manifold::http {

namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// The totals over every engine: what was spent, and how many billed requests
// were paid, free or of unknown cost.
Poco::JSON::Object::Ptr costTotals(const std::map<std::string, usage::EngineWindows>& windows,
                                   usage::WindowStats usage::EngineWindows::*which) {
  usage::WindowStats sum;
  for (const auto& [engine, w] : windows) {
    const usage::WindowStats& s = w.*which;
    sum.costUsd += s.costUsd;
    sum.paidRequests += s.paidRequests;
    sum.freeRequests += s.freeRequests;
    sum.unknownCostRequests += s.unknownCostRequests;
  }
  return costJson(sum);
}

}  // namespace

void AdminHealthHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response) {
  if (!context_.access().requireDashboardReader(request, response)) return;
  // Usage windows come from the attempts table, read off the answer's path;
  // if the store cannot be read, health still answers, without them.
  std::map<std::string, usage::EngineWindows> windows;
  bool usageKnown = true;
  try {
    const int64_t nowMs = Poco::Timestamp().epochMicroseconds() / 1000;
    windows = usage::summarizeAttempts(context_.usage().attemptsSince(nowMs - kDayMs), nowMs);
  } catch (const std::exception& e) {
    usageKnown = false;
    Poco::Logger::get("usage").error("cannot read engine usage: %s", std::string(e.what()));
  }

  std::map<std::string, std::vector<failover::CircuitBreakers::Status>> byEngine;
  for (const auto& status : context_.breakers().snapshot(failover::Clock::now()))
    byEngine[status.key.engineId].push_back(status);

  const turn::SnapshotPtr snapshot = context_.snapshot();
  const engines::EngineCatalog& catalog = snapshot->engines;
  Poco::JSON::Array::Ptr engines = new Poco::JSON::Array;
  for (const config::EngineConfig& engine : catalog.engines()) {
    Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
    e->set("id", engine.id);
    e->set("provider", engine.provider);
    e->set("keys", catalog.keyCount(engine));
    Poco::JSON::Array::Ptr keys = new Poco::JSON::Array;
    const bool usable = catalog.keyCount(engine) > 0;
    for (const auto& status : byEngine[engine.id]) {
      Poco::JSON::Object::Ptr k = new Poco::JSON::Object;
      k->set("key", status.key.keyIndex + 1);
      k->set("state", status.state);
      k->set("consecutive_failures", status.consecutiveFailures);
      k->set("retry_in_ms", status.msUntilRetry);
      keys->add(k);
    }
    e->set("breakers", keys);
    e->set("usable", usable);
    const auto w = windows.find(engine.id);
    const usage::EngineWindows none;
    const usage::EngineWindows& mine = w == windows.end() ? none : w->second;
    if (usageKnown) {
      e->set("last_hour", healthWindowJson(mine.hour));
      e->set("last_day", healthWindowJson(mine.day));
    }
    engines->add(e);
  }
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("engines", engines);
  if (usageKnown) {
    Poco::JSON::Object::Ptr cost = new Poco::JSON::Object;
    cost->set("last_hour", costTotals(windows, &usage::EngineWindows::hour));
    cost->set("last_day", costTotals(windows, &usage::EngineWindows::day));
    body->set("cost", cost);
  } else {
    body->set("cost", Poco::Dynamic::Var());
  }
  body->set("usage_records_lost", context_.lostUsageRecords());
  body->set("dispatchers", dispatchersJson(context_.tasks().dispatchers()));
  sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
