#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace manifold::tools {

/// How one request to the gateway went, apart from the events it streamed.
struct Exchange {
  enum class Result {
    Streamed,     // a 200 event stream, read to its end
    Unreachable,  // no connection, or it broke: `error` says why
    HttpError,    // a non-200 answer: `status`, and `error` from its OpenAI-shaped body
  };
  Result result = Result::Streamed;
  int status = 0;
  std::string error;
};

/// Talks to one gateway over HTTP: `baseUrl` is its root, e.g.
/// "http://127.0.0.1:8080". Sends `Authorization: Bearer <apiKey>` when a
/// key is set.
class GatewayClient {
 public:
  /// Receives each server-sent event: its `event:` name and its data.
  using EventHandler = std::function<void(std::string_view name, std::string_view data)>;

  GatewayClient(std::string baseUrl, std::string apiKey);

  /// GET /healthz: Streamed when the gateway answers 200.
  Exchange health() const;

  /// POST /api/chat with `body`, handing each event to `onEvent` as it arrives.
  Exchange chat(const std::string& body, const EventHandler& onEvent) const;

  const std::string& baseUrl() const { return baseUrl_; }

 private:
  Exchange send(const std::string& method, const std::string& path, const std::string& body,
                const EventHandler* onEvent) const;

  std::string baseUrl_;
  std::string apiKey_;
};

}  // namespace manifold::tools
