#pragma once

#include <cstdint>
#include <string>

#include "support/HttpTestClient.h"

namespace manifold::test {

/// What a server sent back on one connection to raw request bytes.
struct RawExchange {
  std::string received;  ///< every byte, until the server closed or went quiet
  bool closed = false;   ///< the server closed the connection
  HttpResult first;      ///< the first response, parsed (body by Content-Length)
  /// How many responses begin in `received`.
  int responses() const;
};

/// Sends `bytes` as they are on a fresh loopback connection, then reads
/// until the server closes it or sends nothing for `quietMs`. A server that
/// closes while the bytes are still being sent is not an error: what it
/// answered before is still read.
RawExchange sendRaw(uint16_t port, const std::string& bytes, int quietMs = 1000);

}  // namespace manifold::test
