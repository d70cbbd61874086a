#include "http/DispatchersJson.h"

namespace manifold::http {
namespace {

Poco::JSON::Object::Ptr entry(const std::string& id) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("id", id);
  out->set("services", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  out->set("error", Poco::Dynamic::Var());
  return out;
}

}  // namespace

Poco::JSON::Array::Ptr dispatchersJson(tasks::DispatcherDirectory& dispatchers) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  for (const auto& dispatcher : dispatchers.all()) {
    Poco::JSON::Object::Ptr d = entry(dispatcher->id());
    try {
      Poco::JSON::Array::Ptr services = d->getArray("services");
      for (const tasks::ServiceInfo& info : dispatcher->services()) {
        Poco::JSON::Object::Ptr s = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        s->set("service", info.service);
        Poco::JSON::Array::Ptr intents = new Poco::JSON::Array;
        for (const std::string& intent : info.intents) intents->add(intent);
        s->set("intents", intents);
        s->set("enabled", info.enabled);
        s->set("detail", info.detail);
        services->add(s);
      }
    } catch (const tasks::DispatchError& e) {
      d->set("error", std::string(e.what()));
    }
    out->add(d);
  }
  for (const auto& broken : dispatchers.broken()) {
    Poco::JSON::Object::Ptr d = entry(broken.id);
    d->set("error", broken.reason);
    out->add(d);
  }
  return out;
}

}  // namespace manifold::http
