#include "ManusUpdates.h"

#include <manifold/plugin.hpp>

namespace manus {
namespace {

namespace json = manifold::json;

constexpr size_t kProgressChars = 300;

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "manus: " + what);
}

// Content is a string, or an array of parts of which the text parts count.
std::string textOf(const json::Value& content) {
  if (content.isString()) return content.asString();
  std::string text;
  for (const json::Value& part : content.asArray()) {
    const std::string& piece = part.isString() ? part.asString() : part["text"].asString();
    if (piece.empty()) continue;
    if (!text.empty()) text += "\n";
    text += piece;
  }
  return text;
}

std::string shortened(const std::string& text) {
  if (text.size() <= kProgressChars) return text;
  size_t cut = kProgressChars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

json::Value update(std::string_view remoteId, std::string_view state) {
  json::Value u = json::Value::object();
  u.set("remote_id", std::string(remoteId));
  u.set("state", std::string(state));
  return u;
}

json::Value failure(std::string_view code, std::string_view message) {
  json::Value error = json::Value::object();
  error.set("code", std::string(code));
  error.set("message", std::string(message));
  return error;
}

// The result of a finished task: the answer text and where to see it.
json::Value result(const std::string& text, const json::Value& detail) {
  json::Value r = json::Value::object();
  r.set("text", text);
  for (const char* field : {"task_url", "title", "task_title"})
    if (detail[field].isString()) r.set(field, detail[field].asString());
  if (detail["credit_usage"].isNumber()) r.set("credit_usage", detail["credit_usage"]);
  if (detail["attachments"].isArray()) r.set("attachments", detail["attachments"]);
  return r;
}

std::string taskStopped(const json::Value& detail) {
  const std::string& id = detail["task_id"].asString();
  const std::string& message = detail["message"].asString();
  const std::string& reason = detail["stop_reason"].asString();
  if (reason == "ask") {
    json::Value u = update(id, "waiting_input");
    u.set("progress", shortened(message));
    return json::stringify(u);
  }
  if (reason != "finish") invalid("task_stopped with an unknown stop_reason \"" + reason + "\"");
  json::Value u = update(id, "succeeded");
  u.set("result", result(message, detail));
  return json::stringify(u);
}

}  // namespace

std::string promptOf(const json::Value& input) {
  if (input.isString()) return input.asString();
  const json::Array& messages = input["messages"].asArray();
  for (auto it = messages.rbegin(); it != messages.rend(); ++it)
    if ((*it)["role"].asString() == "user") return textOf((*it)["content"]);
  return "";
}

std::string latestAssistantText(const json::Value& messages) {
  for (const json::Value& m : messages["messages"].asArray())
    if (m["type"].asString() == "assistant_message")
      return textOf(m["assistant_message"]["content"]);
  return "";
}

std::string startedUpdate(const json::Value& created, int64_t pollAfterMs) {
  const std::string& id = created["task_id"].asString();
  if (id.empty()) invalid("task.create answered without a task_id");
  json::Value u = update(id, "running");
  const std::string& title = created["task_title"].asString();
  u.set("progress", title.empty() ? std::string("created at Manus") : "created at Manus: " + title);
  u.set("poll_after_ms", pollAfterMs);
  return json::stringify(u);
}

std::string checkedUpdate(const json::Value& detail, const json::Value& messages,
                          int64_t pollAfterMs) {
  const json::Value& task = detail["task"];
  const std::string& id = task["id"].asString();
  const std::string& status = task["status"].asString();
  const std::string text = latestAssistantText(messages);
  json::Value u;
  if (status == "running") {
    u = update(id, "running");
    if (!text.empty()) u.set("progress", shortened(text));
    u.set("poll_after_ms", pollAfterMs);
  } else if (status == "waiting") {
    u = update(id, "waiting_input");
    u.set("progress", shortened(text.empty() ? "Manus is waiting for input" : text));
    u.set("poll_after_ms", pollAfterMs);
  } else if (status == "stopped") {
    u = update(id, "succeeded");
    u.set("result", result(text, task));
  } else if (status == "error") {
    u = update(id, "failed");
    u.set("error", failure("manus_error", text.empty() ? "Manus reported an error" : text));
  } else {
    invalid("task.detail answered an unknown status \"" + status + "\"");
  }
  return json::stringify(u);
}

std::string webhookUpdate(std::string_view body) {
  std::optional<json::Value> parsed = json::parse(body);
  if (!parsed || !parsed->isObject()) invalid("the webhook body is not a JSON object");
  const json::Value& event = *parsed;
  const std::string& type = event["event_type"].asString();
  const json::Value& detail =
      type == "task_progress" ? event["progress_detail"] : event["task_detail"];
  if (type != "task_created" && type != "task_progress" && type != "task_stopped")
    return R"({"ignore":true})";
  const std::string& id = detail["task_id"].asString();
  if (id.empty()) invalid(type + " names no task_id");
  if (type == "task_stopped") return taskStopped(detail);
  json::Value u = update(id, "running");
  if (type == "task_created") {
    const std::string& title = detail["task_title"].asString();
    u.set("progress",
          title.empty() ? std::string("created at Manus") : "created at Manus: " + title);
  } else {
    u.set("progress", shortened(detail["message"].asString()));
  }
  return json::stringify(u);
}

}  // namespace manus
