#include "TaskProtocol.h"

#include <manifold/adapter.hpp>
#include <manifold/json.hpp>

#include <algorithm>
#include <array>
#include <optional>

namespace sibling::protocol {
namespace {

using manifold::json::Value;

constexpr size_t kMaxIdLength = 200;
constexpr std::array<std::string_view, 6> kStates = {"queued",    "running", "waiting_input",
                                                     "succeeded", "failed",  "cancelled"};

std::string serviceName(std::string_view service) {
  return "sibling service \"" + std::string(service) + "\"";
}

bool validId(const Value* v) {
  return v && v->isString() && !v->asString().empty() && v->asString().size() <= kMaxIdLength;
}

// The fields a task status and a task update share, copied across checked.
// Returns "" or what is wrong.
std::string copyStatus(const Value& status, Value& update) {
  if (!status.isObject()) return "is not a JSON object";
  const Value* state = status.find("state");
  if (!state || !state->isString() ||
      std::find(kStates.begin(), kStates.end(), state->asString()) == kStates.end())
    return "has no known state";
  update.set("state", *state);
  if (const Value* progress = status.find("progress"); progress && progress->isString())
    update.set("progress", *progress);
  if (const Value* result = status.find("result"); result && result->isObject())
    update.set("result", *result);
  if (const Value* error = status.find("error"); error && error->isObject()) {
    Value e = Value::object();
    e.set("code",
          error->find("code") && (*error)["code"].isString() ? (*error)["code"] : Value("failed"));
    e.set("message", (*error)["message"].isString() ? (*error)["message"] : Value(""));
    update.set("error", std::move(e));
  }
  return "";
}

std::optional<Value> parseObject(std::string_view text) {
  std::optional<Value> doc = manifold::json::parse(text);
  if (!doc || !doc->isObject()) return std::nullopt;
  return doc;
}

}  // namespace

std::string createBody(std::string_view hostTaskJson) {
  const std::optional<Value> task = parseObject(hostTaskJson);
  if (!task) throw manifold::Error(MF_ERR_INVALID, "the task to start is not a JSON object");
  if (!validId(task->find("task_id")))
    throw manifold::Error(MF_ERR_INVALID, "the task to start has no task_id (1-200 characters)");
  if (!(*task)["input"].isObject())
    throw manifold::Error(MF_ERR_INVALID, "the task to start has no input object");
  Value body = Value::object();
  body.set("task_id", (*task)["task_id"]);
  body.set("intent", (*task)["intent"].isString() ? (*task)["intent"] : Value(""));
  body.set("input", (*task)["input"]);
  if ((*task)["metadata"].isObject()) body.set("metadata", (*task)["metadata"]);
  const Value& webhookUrl = (*task)["webhook_url"];
  if (webhookUrl.isString() && !webhookUrl.asString().empty()) body.set("webhook_url", webhookUrl);
  return manifold::json::stringify(body);
}

std::string updateFromStatus(std::string_view statusJson, std::string_view service) {
  const std::optional<Value> status = manifold::json::parse(statusJson);
  Value update = Value::object();
  std::string problem = status ? "" : "is not JSON";
  if (problem.empty() && !validId(status->find("id"))) problem = "has no id (1-200 characters)";
  if (problem.empty()) {
    update.set("remote_id", (*status)["id"]);
    problem = copyStatus(*status, update);
  }
  if (!problem.empty())
    throw manifold::Error(MF_ERR_INTERNAL,
                          serviceName(service) + " answered with a task status that " + problem);
  return manifold::json::stringify(update);
}

std::string updateFromWebhook(std::string_view body, std::string_view service) {
  const std::optional<Value> doc = parseObject(body);
  const auto refuse = [&](const std::string& problem) {
    return manifold::Error(MF_ERR_INVALID, "webhook from " + serviceName(service) + " " + problem);
  };
  if (!doc) throw refuse("is not a JSON object");
  Value update = Value::object();
  if ((*doc)["type"].asString() != "task.updated") {
    update.set("ignore", true);
    return manifold::json::stringify(update);
  }
  const Value& data = (*doc)["data"];
  const bool namesRemote = validId(data.find("id"));
  const bool namesTask = validId(data.find("task_id"));
  if (!namesRemote && !namesTask) throw refuse("names no task (data.id or data.task_id)");
  if (namesRemote) update.set("remote_id", data["id"]);
  if (namesTask) update.set("task_id", data["task_id"]);
  const std::string problem = copyStatus(data, update);
  if (!problem.empty()) throw refuse("has data that " + problem);
  return manifold::json::stringify(update);
}

manifold::Error errorFromAnswer(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body, std::string_view service,
                                std::string_view what, int64_t nowUnixMs) {
  int32_t code = MF_ERR_INVALID;
  bool retryable = false;
  if (status >= 500 || status == 429 || status == 408) {
    code = status == 429 ? MF_ERR_RATE_LIMITED
                         : (status == 408 || status == 504 ? MF_ERR_TIMEOUT : MF_ERR_UNAVAILABLE);
    retryable = true;
  } else if (status == 401 || status == 403) {
    code = MF_ERR_AUTH;
  } else if (status == 404) {
    code = MF_ERR_NOT_FOUND;
  }
  std::string message = serviceName(service) + " answered " + std::string(what) + " with HTTP " +
                        std::to_string(status);
  const std::optional<Value> doc = manifold::json::parse(body);
  if (doc && (*doc)["error"]["message"].isString())
    message += ": " + manifold::adapter::printable((*doc)["error"]["message"].asString(), 300);
  const int64_t retryAfter = retryable ? manifold::adapter::retryAfterMs(headers, nowUnixMs) : -1;
  return manifold::Error(code, message, retryable, status, retryAfter);
}

std::string pathSegment(std::string_view id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace sibling::protocol
