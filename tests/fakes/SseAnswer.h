#pragma once

#include <optional>
#include <ostream>

#include <Poco/Net/HTTPServerResponse.h>

#include "ClientLink.h"
#include "FakeBehaviour.h"
#include "OpenAiWire.h"

namespace manifold::test {

/// Streams one 200 answer as OpenAI server-sent events, injecting the
/// behaviour's delays and faults on the way.
class SseAnswer {
 public:
  enum class Outcome { Finished, Cut, ClientGone, Stopping };

  SseAnswer(const FakeBehaviour& behaviour, const OpenAiWire& wire, ClientLink& link,
            Poco::Net::HTTPServerResponse& response);

  Outcome run();

 private:
  /// Sends one frame as its own HTTP chunk; false when the write failed.
  bool send(const std::string& frame);
  /// Waits; a value when the answer has to end instead of going on.
  std::optional<Outcome> pause(int ms);
  std::optional<Outcome> sendToken(int index);
  Outcome failed() const;
  Outcome finish();

  const FakeBehaviour& behaviour_;
  const OpenAiWire& wire_;
  ClientLink& link_;
  Poco::Net::HTTPServerResponse& response_;
  std::ostream* out_ = nullptr;
};

}  // namespace manifold::test
