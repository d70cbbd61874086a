#include "http/ModelsHandler.h"

#include <Poco/JSON/Array.h>

#include "http/HttpReplies.h"

namespace manifold::http {
namespace {

Poco::JSON::Object::Ptr capabilitiesOf(const config::EngineCapabilities& c) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("vision", c.vision);
  o->set("tools", c.tools);
  o->set("json_mode", c.jsonMode);
  o->set("prompt_caching", c.promptCaching);
  o->set("prefill", c.prefill);
  return o;
}

// The fields both OpenAI's and Anthropic's model lists read.
void setIdentity(Poco::JSON::Object& model, const std::string& id, const std::string& owner) {
  model.set("id", id);
  model.set("object", "model");
  model.set("type", "model");
  model.set("display_name", id);
  model.set("created", 0);
  model.set("created_at", "1970-01-01T00:00:00Z");
  model.set("owned_by", owner);
}

}  // namespace

void ModelsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                  Poco::Net::HTTPServerResponse& response) {
  if (!context_.access().requireKey(request, response)) return;
  const turn::SnapshotPtr snapshot = context_.snapshot();
  const engines::EngineCatalog& catalog = snapshot->engines;
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (const config::EngineConfig& engine : catalog.engines()) {
    Poco::JSON::Object::Ptr model = new Poco::JSON::Object;
    setIdentity(*model, engine.id, engine.provider);
    Poco::JSON::Object::Ptr meta = new Poco::JSON::Object;
    meta->set("provider", engine.provider);
    meta->set("upstream_model", engine.model);
    meta->set("demo", engine.label == "demo");
    if (!engine.label.empty()) meta->set("label", engine.label);
    meta->set("context_window", engine.contextWindow);
    meta->set("cost_band", engine.costBand);
    meta->set("capabilities", capabilitiesOf(engine.capabilities));
    const bool hasKey = catalog.hasKey(engine);
    const bool pluginLoaded = context_.plugins().find(engine.provider) != nullptr;
    meta->set("available", hasKey && pluginLoaded);
    if (!hasKey)
      meta->set("unavailable_reason", "no key in " + engine.keySource());
    else if (!pluginLoaded)
      meta->set("unavailable_reason", "provider plugin not loaded");
    model->set("manifold", meta);
    data->add(model);
  }
  for (const config::ModeConfig& mode : snapshot->config.modes) {
    Poco::JSON::Object::Ptr model = new Poco::JSON::Object;
    setIdentity(*model, "mode/" + mode.name, "manifold");
    Poco::JSON::Object::Ptr meta = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr chain = new Poco::JSON::Array;
    for (const std::string& step : mode.chain) chain->add(step);
    meta->set("chain", chain);
    model->set("manifold", meta);
    data->add(model);
  }
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("object", "list");
  body->set("data", data);
  body->set("has_more", false);  // one page, in Anthropic's pagination terms
  if (data->size() > 0) {
    body->set("first_id", data->getObject(0)->getValue<std::string>("id"));
    body->set("last_id", data->getObject(data->size() - 1)->getValue<std::string>("id"));
  }
  sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
