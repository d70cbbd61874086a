#pragma once

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <manifold/json.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "support/TempDir.h"

namespace manifold::test {

/// tests/fakes/manus/server.mjs running under node on loopback, signing with
/// an RSA key the openssl command line generated for it.
class FakeManus {
 public:
  /// Why the fake cannot run here (node or openssl missing), or "".
  static std::string missingTool();

  FakeManus(std::string apiKey, int steps = 3);
  ~FakeManus();

  uint16_t port() const { return port_; }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& publicKeyPem() const { return publicKeyPem_; }

  /// GET /_ledger: every API request, webhook and delivery the fake saw.
  json::Value ledger() const;
  /// POSTs to a test control (/_advance, /_fail, ...); returns the answer.
  json::Value control(const std::string& path, const json::Value& body) const;
  /// Signs with a new key from now on; returns its public PEM.
  std::string rotateKey();
  /// The API requests to one method ("task.create"), in order.
  std::vector<json::Value> requestsTo(const std::string& method) const;

 private:
  /// Generates a key pair named `name`; returns the public PEM.
  std::string makeKey(const std::string& name);

  TempDir dir_;
  std::string apiKey_;
  std::string publicKeyPem_;
  std::unique_ptr<Poco::ProcessHandle> process_;
  Poco::Pipe output_;
  uint16_t port_ = 0;
  int keys_ = 0;
};

}  // namespace manifold::test
