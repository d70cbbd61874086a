#include "LoadedDispatcher.h"

#include <filesystem>

#include "plugins/AbiStrings.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

using plugins::toAbi;

struct Sink {
  LoadedDispatcher::Call call;
  mf_string_sink sink{sizeof(mf_string_sink), &call.text, [](void* ctx, mf_str value) {
                        static_cast<std::string*>(ctx)->assign(value.ptr ? value.ptr : "",
                                                               value.len);
                      }};
  Sink() { call.error = plugins::blankError(); }
};

}  // namespace

json::Value LoadedDispatcher::Call::json() const {
  std::optional<json::Value> value = json::parse(text);
  return value ? std::move(*value) : json::Value();
}

LoadedDispatcher::LoadedDispatcher(const std::string& settingsJson, uint16_t allowedPort,
                                   const std::string& configJson) {
  const std::string library = pluginOutputDir() + "/manus.so";
  installFile(library, folder_ / "manus.so");
  config::EgressConfig egress;
  egress.allow = {"127.0.0.1:" + std::to_string(allowedPort)};
  http_ =
      std::make_unique<upstream::PooledHttpExchange>(egress, upstream::ProxySettings("", "", ""));
  manager_ = std::make_unique<plugins::PluginManager>(
      std::make_unique<plugins::PluginLoader>(
          folder_.str(), std::map<std::string, std::string>{{"manus", settingsJson}},
          plugins::HostServiceDeps{nullptr, http_.get()}),
      50);
  manager_->scan(false);
  plugin_ = manager_->find("manus");
  if (!plugin_) {
    problem_ = "manus.so did not load";
    return;
  }
  api_ = plugin_->dispatcherApi();
  if (!api_) {
    problem_ = "manus.so has no dispatcher table";
    return;
  }
  mf_error error = plugins::blankError();
  instance_ = api_->create(plugin_->hostTable(), toAbi(configJson), &error);
  if (!instance_) problem_ = plugins::errorMessage(error);
}

LoadedDispatcher::~LoadedDispatcher() {
  if (instance_) api_->destroy(instance_);
}

LoadedDispatcher::Call LoadedDispatcher::listServices() const {
  Sink s;
  s.call.rc = api_->list_services(instance_, &s.sink, &s.call.error);
  return s.call;
}

LoadedDispatcher::Call LoadedDispatcher::start(const std::string& service,
                                               const std::string& taskJson) const {
  Sink s;
  s.call.rc = api_->start_task(instance_, toAbi(service), toAbi(taskJson), &s.sink, &s.call.error);
  return s.call;
}

LoadedDispatcher::Call LoadedDispatcher::check(const std::string& service,
                                               const std::string& remoteId) const {
  Sink s;
  s.call.rc = api_->check_task(instance_, toAbi(service), toAbi(remoteId), &s.sink, &s.call.error);
  return s.call;
}

LoadedDispatcher::Call LoadedDispatcher::stop(const std::string& service,
                                              const std::string& remoteId) const {
  Sink s;
  s.call.rc = api_->stop_task(instance_, toAbi(service), toAbi(remoteId), &s.call.error);
  return s.call;
}

LoadedDispatcher::Call LoadedDispatcher::verifier(const std::string& service, bool refresh) const {
  Sink s;
  s.call.rc =
      api_->webhook_verifier(instance_, toAbi(service), refresh ? 1 : 0, &s.sink, &s.call.error);
  return s.call;
}

LoadedDispatcher::Call LoadedDispatcher::apply(
    const std::string& service, const std::vector<std::pair<std::string, std::string>>& headers,
    const std::string& body) const {
  std::vector<mf_header> raw;
  for (const auto& [name, value] : headers) raw.push_back({toAbi(name), toAbi(value)});
  Sink s;
  s.call.rc = api_->apply_webhook(instance_, toAbi(service), raw.data(), raw.size(), toAbi(body),
                                  &s.sink, &s.call.error);
  return s.call;
}

}  // namespace manifold::test
