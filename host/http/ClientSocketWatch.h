#pragma once

#include <Poco/Net/StreamSocket.h>

#include "upstream/HttpExchange.h"

namespace manifold::http {

/// Watches a client's connection: readable with nothing to read means it closed.
class ClientSocketWatch : public upstream::ClientWatch {
 public:
  explicit ClientSocketWatch(const Poco::Net::StreamSocket& socket) : socket_(socket) {}
  int fd() const override;
  bool gone() override;

 private:
  Poco::Net::StreamSocket socket_;
  bool gone_ = false;
};

}  // namespace manifold::http
