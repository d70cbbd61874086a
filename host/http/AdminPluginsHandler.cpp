#include "http/AdminPluginsHandler.h"

#include <Poco/JSON/Array.h>

#include "http/DispatchersJson.h"
#include "http/HttpReplies.h"

namespace manifold::http {

void AdminPluginsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                        Poco::Net::HTTPServerResponse& response) {
  if (!context_.access().requireDashboardReader(request, response)) return;
  const plugins::PluginSnapshot snapshot = context_.plugins().snapshot();
  Poco::JSON::Array::Ptr loaded = new Poco::JSON::Array;
  for (const auto& plugin : snapshot.loaded) {
    Poco::JSON::Object::Ptr p = new Poco::JSON::Object;
    p->set("id", plugin->id());
    p->set("version", plugin->version());
    p->set("description", plugin->description());
    p->set("abi", std::to_string(plugin->abiMajor()) + "." + std::to_string(plugin->abiMinor()));
    Poco::JSON::Array::Ptr kinds = new Poco::JSON::Array;
    for (const std::string& kind : plugin->kinds()) kinds->add(kind);
    p->set("kinds", kinds);
    Poco::JSON::Array::Ptr ignored = new Poco::JSON::Array;
    for (const std::string& kind : plugin->ignoredKinds()) ignored->add(kind);
    p->set("ignored_kinds", ignored);
    p->set("file", plugin->origin().sourcePath);
    p->set("loaded_at_ms", plugin->origin().loadedAtMs);
    loaded->add(p);
  }
  Poco::JSON::Array::Ptr refused = new Poco::JSON::Array;
  for (const auto& refusal : snapshot.refused) {
    Poco::JSON::Object::Ptr r = new Poco::JSON::Object;
    r->set("file", refusal.file);
    r->set("reason", refusal.reason);
    r->set("at_ms", refusal.atUnixMs);
    refused->add(r);
  }
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("host_abi",
            std::to_string(MANIFOLD_ABI_MAJOR) + "." + std::to_string(MANIFOLD_ABI_MINOR));
  body->set("directory", context_.snapshot()->config.plugins.directory);
  body->set("loaded", loaded);
  body->set("refused", refused);
  body->set("dispatchers", dispatchersJson(context_.tasks().dispatchers()));
  sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
