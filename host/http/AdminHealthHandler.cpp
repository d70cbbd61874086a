#include "http/AdminHealthHandler.h"

#include <Poco/JSON/Array.h>

#include <map>

#include "http/HttpReplies.h"

namespace manifold::http {

void AdminHealthHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response) {
  if (!context_.access().requireMaster(request, response)) return;
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
    engines->add(e);
  }
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("engines", engines);
  sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
