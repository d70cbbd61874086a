#pragma once

#include <string>

#include <Poco/Net/HTTPRequestHandler.h>

#include "ClientLink.h"
#include "FakeBehaviour.h"
#include "RouteLedger.h"
#include "StopSignal.h"

namespace manifold::test {

/// Answers one request to `/<route>/.../chat/completions` the way the route's
/// next FakeBehaviour says; anything else gets an OpenAI-shaped 404.
class FakeRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  FakeRequestHandler(RouteLedger& ledger, const StopSignal& stop);

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void answer(const std::string& route, int number, const FakeBehaviour& behaviour,
              const std::string& body, ClientLink& link, Poco::Net::HTTPServerResponse& response);
  void answerWhole(const FakeBehaviour& behaviour, const std::string& json, ClientLink& link,
                   Poco::Net::HTTPServerResponse& response);
  /// Waits; false when the answer has to end (and records an abandoned one).
  bool pause(const std::string& route, int number, ClientLink& link, int ms);

  RouteLedger& ledger_;
  const StopSignal& stop_;
};

}  // namespace manifold::test
