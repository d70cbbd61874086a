#include "McpSession.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>
#include <utility>

#include "McpReply.h"

namespace mcp {
namespace {

namespace json = manifold::json;

constexpr const char* kClientName = "manifold";
constexpr const char* kClientVersion = "1.0.0";

// Revisions of the initialize handshake whose Streamable HTTP the bridge speaks.
bool speaksSessioned(const std::string& version) {
  return version == "2025-11-25" || version == "2025-06-18" || version == "2025-03-26";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string headerOf(const manifold::HttpResponse& response, const std::string& name) {
  for (const manifold::Header& h : response.headers)
    if (lower(h.name) == name) return h.value;
  return "";
}

json::Value clientInfo() {
  json::Value info = json::Value::object();
  info.set("name", kClientName);
  info.set("version", kClientVersion);
  return info;
}

}  // namespace

struct McpSession::Reply {
  int status = 0;
  std::string sessionId;
  std::string contentType;
  McpReply body;
};

McpSession::McpSession(manifold::Host host, McpSettings settings)
    : host_(host), settings_(std::move(settings)) {}

void McpSession::fail(int32_t code, const std::string& what, bool retryable, int32_t status) const {
  const std::string message = settings_.who() + " " + what;
  host_.warn(message);
  throw manifold::Error(code, message, retryable, status);
}

json::Value McpSession::request(const std::string& method, json::Value params,
                                const std::string& name) {
  StatePtr state = current();
  Reply reply = post(state.get(), method, params, name, true);
  const bool expired =
      !state->stateless() && !state->sessionId.empty() &&
      (reply.status == 404 ||
       (reply.status == 400 && !reply.body.response() && reply.body.unaddressedError() &&
        lower((*reply.body.unaddressedError())["error"]["message"].asString()).find("session") !=
            std::string::npos));
  if (expired) {
    host_.info(settings_.who() + " no longer knows session " + state->sessionId +
               "; initializing again");
    state = renew(state);
    reply = post(state.get(), method, std::move(params), name, true);
  }
  return resultOf(reply, method);
}

McpSession::StatePtr McpSession::current() {
  const uint64_t seen = negotiated_.load();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!state_) connectOnce(seen);
  return state_;
}

McpSession::StatePtr McpSession::renew(const StatePtr& stale) {
  const uint64_t seen = negotiated_.load();
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_ == stale) state_.reset();  // else another thread renewed it, or is failing to
  if (!state_) connectOnce(seen);
  return state_;
}

// Called with mutex_ held. Threads that waited on a negotiation that failed
// share its error rather than each waiting out another one in turn (a slow
// server would otherwise cost every waiting call a timeout more).
void McpSession::connectOnce(uint64_t seen) {
  if (negotiated_.load() != seen && lastFailure_) std::rethrow_exception(lastFailure_);
  try {
    state_ = connect();
    lastFailure_ = nullptr;
  } catch (...) {
    lastFailure_ = std::current_exception();
    ++negotiated_;
    throw;
  }
  ++negotiated_;
}

McpSession::StatePtr McpSession::connect() {
  if (settings_.protocol != kSessioned) {
    if (std::optional<State> stateless = discover()) {
      host_.info(settings_.who() + " speaks " + kStateless + " (stateless)");
      return std::make_shared<const State>(std::move(*stateless));
    }
    if (settings_.protocol == kStateless)
      fail(MF_ERR_UNAVAILABLE,
           std::string("does not speak ") + kStateless +
               " (server/discover did not offer it), which its config asks for");
  }
  return std::make_shared<const State>(initialize());
}

std::optional<McpSession::State> McpSession::discover() {
  const State probe{kStateless, ""};
  Reply reply = post(&probe, "server/discover", json::Value::object(), "", true);
  if (reply.status >= 500 || reply.status == 401 || reply.status == 403)
    resultOf(reply, "server/discover");  // throws: down or refused, not an older revision
  const json::Value* result =
      reply.body.response() ? (*reply.body.response()).find("result") : nullptr;
  if (result) {
    for (const json::Value& version : (*result)["supportedVersions"].asArray())
      if (version.isString() && version.asString() == kStateless) return probe;
  }
  return std::nullopt;  // an older server: method not found, a 4xx, or no 2026-07-28 offered
}

McpSession::State McpSession::initialize() {
  json::Value params = json::Value::object();
  params.set("protocolVersion", kSessioned);
  params.set("capabilities", json::Value::object());
  params.set("clientInfo", clientInfo());
  Reply reply = post(nullptr, "initialize", std::move(params), "", true);
  const json::Value result = resultOf(reply, "initialize");
  State state{result["protocolVersion"].asString(), reply.sessionId};
  if (!speaksSessioned(state.version))
    fail(MF_ERR_UNAVAILABLE, "offered protocol version '" + state.version +
                                 "', which the bridge does not speak (it speaks " + kStateless +
                                 " and " + kSessioned + ")");
  Reply ack = post(&state, "notifications/initialized", json::Value::object(), "", false);
  if (ack.status >= 400)
    fail(MF_ERR_UNAVAILABLE,
         "refused notifications/initialized with HTTP " + std::to_string(ack.status));
  host_.info(settings_.who() + " speaks " + state.version +
             (state.sessionId.empty() ? " without a session" : " in a session"));
  return state;
}

McpSession::Reply McpSession::post(const State* state, const std::string& method,
                                   json::Value params, const std::string& name,
                                   bool expectResponse) {
  const int64_t id = expectResponse ? nextId_.fetch_add(1) : 0;
  manifold::HttpRequest request;
  request.method = "POST";
  request.url = settings_.url;
  request.timeoutMs = settings_.timeoutMs;
  request.headers = {{"Content-Type", "application/json"},
                     {"Accept", "application/json, text/event-stream"}};
  request.headers.insert(request.headers.end(), settings_.headers.begin(), settings_.headers.end());
  if (state) {
    request.headers.push_back({"MCP-Protocol-Version", state->version});
    if (!state->sessionId.empty()) request.headers.push_back({"Mcp-Session-Id", state->sessionId});
    if (state->stateless()) {
      request.headers.push_back({"Mcp-Method", method});
      if (!name.empty()) request.headers.push_back({"Mcp-Name", name});
      json::Value meta = params["_meta"].isObject() ? params["_meta"] : json::Value::object();
      meta.set("io.modelcontextprotocol/protocolVersion", kStateless);
      meta.set("io.modelcontextprotocol/clientCapabilities", json::Value::object());
      meta.set("io.modelcontextprotocol/clientInfo", clientInfo());
      params.set("_meta", std::move(meta));
    }
  }
  json::Value message = json::Value::object();
  message.set("jsonrpc", "2.0");
  if (expectResponse) message.set("id", id);
  message.set("method", method);
  if (params.size() > 0) message.set("params", std::move(params));
  request.body = json::stringify(message);

  Reply reply = exchange(request, method, id);
  if (state && !state->stateless() && expectResponse && reply.status == 200 &&
      reply.body.wasEventStream() && !reply.body.response() && !reply.body.tooLarge() &&
      !reply.body.lastEventId().empty())
    reply = resume(*state, method, id, std::move(reply));
  return reply;
}

McpSession::Reply McpSession::exchange(const manifold::HttpRequest& request,
                                       const std::string& method, int64_t id) {
  Reply reply{0, "", "", McpReply(id, settings_.maxResultBytes)};
  manifold::HttpResponse head;
  try {
    head =
        host_.stream(request, [&reply](std::string_view chunk) { return reply.body.feed(chunk); });
  } catch (const manifold::Error& e) {
    if (e.code() == MF_ERR_TIMEOUT)
      fail(MF_ERR_TIMEOUT,
           "did not answer " + method + " within " + std::to_string(settings_.timeoutMs) + " ms",
           true);
    fail(e.code() == MF_ERR_INTERNAL ? MF_ERR_INTERNAL : MF_ERR_UNAVAILABLE,
         "is unreachable at " + settings_.url + " (" + method + "): " + e.what(), e.retryable());
  }
  reply.body.finish();
  reply.status = head.status;
  reply.sessionId = headerOf(head, "mcp-session-id");
  reply.contentType = headerOf(head, "content-type");
  return reply;
}

// A reply stream that closed before its response (2025-11-25, SEP-1699): the
// response comes on a GET stream resumed after the last event id, once the
// server's retry delay has passed.
McpSession::Reply McpSession::resume(const State& state, const std::string& method, int64_t id,
                                     Reply reply) {
  constexpr int kMaxResumes = 3;
  constexpr int64_t kDefaultRetryMs = 1000;
  for (int attempt = 0; attempt < kMaxResumes; ++attempt) {
    const std::string lastEventId = reply.body.lastEventId();
    const int64_t retryMs = reply.body.retryMs() >= 0 ? reply.body.retryMs() : kDefaultRetryMs;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(retryMs, settings_.timeoutMs)));
    manifold::HttpRequest request;
    request.method = "GET";
    request.url = settings_.url;
    request.timeoutMs = settings_.timeoutMs;
    request.headers = settings_.headers;
    request.headers.push_back({"Accept", "text/event-stream"});
    request.headers.push_back({"Last-Event-ID", lastEventId});
    request.headers.push_back({"MCP-Protocol-Version", state.version});
    if (!state.sessionId.empty()) request.headers.push_back({"Mcp-Session-Id", state.sessionId});
    host_.info(settings_.who() + " closed the stream of " + method + " before its response; " +
               "resuming after event " + lastEventId);
    reply = exchange(request, method, id);
    if (reply.body.response() || reply.status != 200 || reply.body.lastEventId().empty() ||
        reply.body.lastEventId() == lastEventId)
      break;
  }
  return reply;
}

json::Value McpSession::resultOf(const Reply& reply, const std::string& method) const {
  const int status = reply.status;
  const std::string http = "HTTP " + std::to_string(status);
  if (status >= 500) fail(MF_ERR_UNAVAILABLE, "answered " + http + " to " + method, true, status);
  if (status == 401 || status == 403)
    fail(MF_ERR_AUTH, "refused the bridge's credentials (" + http + ") on " + method, false,
         status);
  if (reply.body.tooLarge())
    fail(MF_ERR_INTERNAL, "answered more than " + std::to_string(settings_.maxResultBytes) +
                              " bytes (max_result_bytes) to " + method);
  if (const std::optional<json::Value>& response = reply.body.response()) {
    if (const json::Value* result = response->find("result")) return *result;
    const json::Value& error = (*response)["error"];
    const int64_t code = error["code"].asInt();
    const std::string said = ": " + error["message"].asString() + " (" + std::to_string(code) + ")";
    if (code == -32602) fail(MF_ERR_INVALID, "refused the arguments of " + method + said);
    if (code == -32601) fail(MF_ERR_NOT_FOUND, "does not know " + method + said);
    if (code == -32700 || code == -32600)
      fail(MF_ERR_INTERNAL, "could not read the bridge's " + method + said);
    fail(MF_ERR_UNAVAILABLE, "failed " + method + said);
  }
  if (status >= 400) {
    const std::optional<json::Value>& error = reply.body.unaddressedError();
    fail(status == 404 ? MF_ERR_NOT_FOUND : MF_ERR_INTERNAL,
         "answered " + http + " to " + method +
             (error ? ": " + (*error)["error"]["message"].asString() : ""),
         false, status);
  }
  fail(MF_ERR_INTERNAL, "answered " + method + " with no JSON-RPC response (" + http +
                            ", content type '" + reply.contentType + "', body starting '" +
                            reply.body.start() + "')");
}

}  // namespace mcp
