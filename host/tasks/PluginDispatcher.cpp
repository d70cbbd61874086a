#include "tasks/PluginDispatcher.h"

#include <manifold/json.hpp>

#include <functional>

#include "plugins/AbiCall.h"
#include "plugins/AbiStrings.h"
#include "plugins/AbiTable.h"
#include "plugins/DispatcherKind.h"
#include "tasks/DispatcherJson.h"

namespace manifold::tasks {
namespace {

using plugins::toAbi;

DispatchError failure(const std::string& call, const mf_error& error) {
  const int status = error.code == MF_ERR_INVALID ? 400 : 502;
  DispatchError out(status, status == 400 ? "invalid_task" : "dispatcher_failed",
                    call + " failed: " + plugins::errorMessage(error));
  out.retryable = error.retryable != 0;
  return out;
}

/// Runs one plugin call that writes a string; throws DispatchError when it fails.
std::string callWriting(const std::string& call,
                        const std::function<int32_t(const mf_string_sink*, mf_error*)>& fn) {
  plugins::AbiCallResult result = plugins::callWriting(fn);
  if (result.rc != MF_OK) throw failure(call, result.error);
  return std::move(result.text);
}

void callPlain(const std::string& call, const std::function<int32_t(mf_error*)>& fn) {
  callWriting(call, [&](const mf_string_sink*, mf_error* error) { return fn(error); });
}

/// A 1.1 dispatcher writes {"task_id": <its own id>, "status": ...}: read
/// them as remote_id and state.
RemoteUpdate parseFirstVersionReply(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  if (value && value->isObject()) {
    if (const json::Value* id = value->find("task_id"); id && !value->contains("remote_id")) {
      value->set("remote_id", *id);
      value->set("task_id", nullptr);
    }
    if (const json::Value* status = value->find("status"); status && !value->contains("state"))
      value->set("state", *status);
    return parseTaskUpdate(json::stringify(*value));
  }
  return parseTaskUpdate(text);
}

}  // namespace

PluginDispatcher::PluginDispatcher(std::shared_ptr<plugins::PluginLibrary> library,
                                   const std::string& configJson)
    : library_(std::move(library)) {
  const auto* table = dynamic_cast<const plugins::AbiTable<mf_dispatcher_api>*>(
      library_->table(MF_KIND_DISPATCHER));
  if (!table) throw DispatchError(502, "not_a_dispatcher", library_->id() + " is not a dispatcher");
  api_ = table->api();
  mf_error error;
  handle_ = plugins::createInstance(api_.create, library_->hostTable(), configJson, error);
  if (!handle_) throw failure(library_->id() + " create", error);
}

PluginDispatcher::~PluginDispatcher() {
  try {
    api_.destroy(handle_);
  } catch (...) {
  }
}

bool PluginDispatcher::namesServices() const {
  return plugins::DispatcherKind::namesServices(api_);
}

std::vector<ServiceInfo> PluginDispatcher::services() {
  if (!namesServices())
    return {ServiceInfo{"", {}, true, "ABI 1.1 dispatcher: polled, no webhooks"}};
  return parseServices(callWriting("list_services", [&](const mf_string_sink* out, mf_error* e) {
    return api_.list_services(handle_, out, e);
  }));
}

RemoteUpdate PluginDispatcher::start(const std::string& service, const std::string& taskJson) {
  if (!namesServices())
    return parseFirstVersionReply(callWriting("create_task", [&](auto* out, mf_error* e) {
      return api_.create_task(handle_, toAbi(taskJson), out, e);
    }));
  return parseTaskUpdate(callWriting("start_task", [&](const mf_string_sink* out, mf_error* e) {
    return api_.start_task(handle_, toAbi(service), toAbi(taskJson), out, e);
  }));
}

RemoteUpdate PluginDispatcher::check(const std::string& service, const std::string& remoteId) {
  if (!namesServices())
    return parseFirstVersionReply(callWriting("poll_task", [&](auto* out, mf_error* e) {
      return api_.poll_task(handle_, toAbi(remoteId), out, e);
    }));
  return parseTaskUpdate(callWriting("check_task", [&](const mf_string_sink* out, mf_error* e) {
    return api_.check_task(handle_, toAbi(service), toAbi(remoteId), out, e);
  }));
}

void PluginDispatcher::stop(const std::string& service, const std::string& remoteId) {
  if (!namesServices())
    return callPlain("cancel_task",
                     [&](mf_error* e) { return api_.cancel_task(handle_, toAbi(remoteId), e); });
  callPlain("stop_task", [&](mf_error* e) {
    return api_.stop_task(handle_, toAbi(service), toAbi(remoteId), e);
  });
}

WebhookVerifier PluginDispatcher::verifier(const std::string& service, bool refresh) {
  if (!namesServices()) return WebhookVerifier{};
  return parseVerifier(callWriting("webhook_verifier", [&](const mf_string_sink* out, mf_error* e) {
    return api_.webhook_verifier(handle_, toAbi(service), refresh ? 1 : 0, out, e);
  }));
}

RemoteUpdate PluginDispatcher::applyWebhook(const std::string& service,
                                            const WebhookHeaders& headers,
                                            const std::string& verifiedBody) {
  if (!namesServices())
    throw DispatchError(400, "no_webhook_scheme", id() + " takes no webhooks (ABI 1.1)");
  std::vector<mf_header> abiHeaders;
  abiHeaders.reserve(headers.size());
  for (const auto& [name, value] : headers) abiHeaders.push_back({toAbi(name), toAbi(value)});
  return parseTaskUpdate(callWriting("apply_webhook", [&](const mf_string_sink* out, mf_error* e) {
    return api_.apply_webhook(handle_, toAbi(service), abiHeaders.data(), abiHeaders.size(),
                              toAbi(verifiedBody), out, e);
  }));
}

}  // namespace manifold::tasks
