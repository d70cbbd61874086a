#include "mcp/JsonRpc.h"

namespace manifold::mcp {

json::Value rpcResult(const json::Value& id, json::Value result) {
  json::Value out = json::Value::object();
  out.set("jsonrpc", "2.0");
  out.set("id", id);
  out.set("result", std::move(result));
  return out;
}

json::Value rpcError(const json::Value& id, int code, const std::string& message,
                     const json::Value& data) {
  json::Value error = json::Value::object();
  error.set("code", static_cast<int64_t>(code));
  error.set("message", message);
  if (!data.isNull()) error.set("data", data);
  json::Value out = json::Value::object();
  out.set("jsonrpc", "2.0");
  out.set("id", id);
  out.set("error", std::move(error));
  return out;
}

std::optional<RpcMessage> readMessage(const json::Value& value, json::Value& error) {
  const auto invalid = [&](const std::string& why) {
    const json::Value* id = value.find("id");
    const bool usableId = id && (id->isString() || id->isInt());
    error = rpcError(usableId ? *id : json::Value(), kInvalidRequest, "invalid request: " + why);
    return std::nullopt;
  };
  if (!value.isObject()) return invalid("a message must be a JSON object");
  if (value["jsonrpc"].asString() != "2.0") return invalid("\"jsonrpc\" must be \"2.0\"");
  RpcMessage message;
  if (const json::Value* id = value.find("id")) {
    if (!id->isString() && !id->isInt()) return invalid("\"id\" must be a string or an integer");
    message.id = *id;
  }
  const json::Value* method = value.find("method");
  if (!method) {
    if (message.id.isNull() || (!value.contains("result") && !value.contains("error")))
      return invalid("a message needs a \"method\", or an \"id\" with a result or an error");
    return message;
  }
  if (!method->isString() || method->asString().empty())
    return invalid("\"method\" must be a non-empty string");
  message.method = method->asString();
  if (const json::Value* params = value.find("params"); params && !params->isNull()) {
    if (!params->isObject()) return invalid("\"params\" must be an object");
    message.params = *params;
  }
  return message;
}

}  // namespace manifold::mcp
