#pragma once

#include <cstdint>

namespace manifold::bench {

/// Why a stream did not end cleanly with status 200 and `data: [DONE]`.
enum class StreamFailure {
  None,
  Refused,        ///< connect: ECONNREFUSED
  ConnectFailed,  ///< connect: any other error
  Reset,          ///< reset, or closed before the response ended
  Non200,         ///< any status but 200
  NoDone,         ///< the response ended without `data: [DONE]`
  TimedOut,       ///< still unfinished after --timeout-ms
  Malformed,      ///< not parseable as HTTP/1.1
};

const char* failureName(StreamFailure failure);

/// One request's outcome. Times are from the first byte of the request
/// written; -1 when the moment never came.
struct StreamResult {
  bool connected = false;
  int status = 0;
  int64_t firstContentUs = -1;  ///< first non-empty "content" delta
  int64_t totalUs = -1;         ///< the response's last byte
  bool done = false;            ///< ended with data: [DONE]
  StreamFailure failure = StreamFailure::None;
};

}  // namespace manifold::bench
