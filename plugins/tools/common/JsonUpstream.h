#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace toolcommon {

/// What a JSON upstream answered: its status and parsed body (null when a
/// returned 4xx body is not JSON).
struct JsonReply {
  int status = 0;
  manifold::json::Value body;
};

struct JsonRequestOptions {
  std::vector<manifold::Header> headers;
  /// false: a 4xx throws MF_ERR_INVALID; true: it is returned for the tool
  /// to decide (e.g. Frankfurter's 404 for an unknown currency).
  bool returnClientErrors = false;
};

/// One JSON HTTP upstream (e.g. "frankfurter"), reached through the host's
/// fetch with the instance's timeout. Every failure is a manifold::Error whose
/// message names the upstream, as tools-contract.md says:
///   timeout            -> MF_ERR_TIMEOUT, retryable
///   5xx                -> MF_ERR_UNAVAILABLE, retryable, upstream_status set
///   4xx                -> MF_ERR_INVALID with upstream_status (unless returned)
///   body is not JSON   -> MF_ERR_INTERNAL
///   any other status   -> MF_ERR_INTERNAL
///   no answer          -> the host's code, "<name> could not be reached: ..."
class JsonUpstream {
 public:
  JsonUpstream(manifold::Host host, std::string name, int64_t timeoutMs);

  JsonReply get(const std::string& url, const JsonRequestOptions& options = {}) const;
  JsonReply post(const std::string& url, const manifold::json::Value& body,
                 const JsonRequestOptions& options = {}) const;
  /// Any request; its timeoutMs is replaced by the instance's.
  JsonReply send(manifold::HttpRequest request, bool returnClientErrors = false) const;

  const std::string& name() const { return name_; }
  int64_t timeoutMs() const { return timeoutMs_; }

 private:
  manifold::HttpResponse fetch(const manifold::HttpRequest& request) const;

  manifold::Host host_;
  std::string name_;
  int64_t timeoutMs_;
};

}  // namespace toolcommon
