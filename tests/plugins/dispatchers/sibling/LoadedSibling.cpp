#include "plugins/dispatchers/sibling/LoadedSibling.h"

#include <filesystem>

#include "plugins/AbiStrings.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

mf_string_sink sinkInto(std::string& target) {
  return mf_string_sink{sizeof(mf_string_sink), &target, [](void* ctx, mf_str value) {
                          *static_cast<std::string*>(ctx) = plugins::fromAbi(value);
                        }};
}

template <class Call>
DispatchOutcome run(Call&& call) {
  DispatchOutcome out;
  out.error = plugins::blankError();
  mf_string_sink sink = sinkInto(out.json);
  out.rc = call(&sink, &out.error);
  return out;
}

}  // namespace

LoadedSibling::LoadedSibling(const std::string& servicesJson,
                             const std::vector<uint16_t>& allowedPorts) {
  const std::string library = pluginOutputDir() + "/sibling.so";
  installFile(library, folder_ / "sibling.so");
  config::EgressConfig egress;
  for (uint16_t port : allowedPorts) egress.allow.push_back("127.0.0.1:" + std::to_string(port));
  http_ =
      std::make_unique<upstream::PooledHttpExchange>(egress, upstream::ProxySettings("", "", ""));
  plugins::HostServiceDeps deps;
  deps.http = http_.get();
  manager_ = std::make_unique<plugins::PluginManager>(
      std::make_unique<plugins::PluginLoader>(
          folder_.str(),
          std::map<std::string, std::string>{{"sibling", "{\"services\":" + servicesJson + "}"}},
          deps),
      50);
  manager_->scan(false);
  plugin_ = manager_->find("sibling");
  if (!plugin_ || !plugin_->dispatcherApi()) return;
  mf_error error = plugins::blankError();
  instance_ = plugin_->dispatcherApi()->create(plugin_->hostTable(), plugins::toAbi("{}"), &error);
  if (!instance_) createProblem_ = plugins::errorMessage(error);
}

LoadedSibling::~LoadedSibling() {
  if (instance_) plugin_->dispatcherApi()->destroy(instance_);
}

std::string LoadedSibling::refusal() const {
  for (const plugins::PluginRefusal& r : manager_->snapshot().refused) return r.reason;
  return "";
}

DispatchOutcome LoadedSibling::listServices() const {
  return run([&](const mf_string_sink* out, mf_error* error) {
    return plugin_->dispatcherApi()->list_services(instance_, out, error);
  });
}

DispatchOutcome LoadedSibling::start(const std::string& service,
                                     const std::string& taskJson) const {
  return run([&](const mf_string_sink* out, mf_error* error) {
    return plugin_->dispatcherApi()->start_task(instance_, plugins::toAbi(service),
                                                plugins::toAbi(taskJson), out, error);
  });
}

DispatchOutcome LoadedSibling::check(const std::string& service,
                                     const std::string& remoteId) const {
  return run([&](const mf_string_sink* out, mf_error* error) {
    return plugin_->dispatcherApi()->check_task(instance_, plugins::toAbi(service),
                                                plugins::toAbi(remoteId), out, error);
  });
}

DispatchOutcome LoadedSibling::stop(const std::string& service, const std::string& remoteId) const {
  return run([&](const mf_string_sink*, mf_error* error) {
    return plugin_->dispatcherApi()->stop_task(instance_, plugins::toAbi(service),
                                               plugins::toAbi(remoteId), error);
  });
}

DispatchOutcome LoadedSibling::verifier(const std::string& service) const {
  return run([&](const mf_string_sink* out, mf_error* error) {
    return plugin_->dispatcherApi()->webhook_verifier(instance_, plugins::toAbi(service), 0, out,
                                                      error);
  });
}

DispatchOutcome LoadedSibling::applyWebhook(
    const std::string& service, const std::vector<std::pair<std::string, std::string>>& headers,
    const std::string& body) const {
  std::vector<mf_header> raw;
  for (const auto& [name, value] : headers)
    raw.push_back({plugins::toAbi(name), plugins::toAbi(value)});
  return run([&](const mf_string_sink* out, mf_error* error) {
    return plugin_->dispatcherApi()->apply_webhook(instance_, plugins::toAbi(service), raw.data(),
                                                   raw.size(), plugins::toAbi(body), out, error);
  });
}

}  // namespace manifold::test
