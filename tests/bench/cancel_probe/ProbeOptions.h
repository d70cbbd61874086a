#pragma once

#include <optional>
#include <string>

namespace manifold::bench {

/// What one manifold-cancel-probe run does, from its command line.
struct ProbeOptions {
  /// When the client hangs up: once the fake upstream has admitted the request
  /// (nothing need have reached the client: a gateway holds its answer until
  /// the first token), or once the client has read the first content delta.
  enum class Wait { Admitted, Content };

  std::string host = "127.0.0.1";
  int port = 0;  ///< where the client sends its streamed chat request
  std::string path = "/v1/chat/completions";
  std::string body;
  int fakePort = 0;   ///< the fake upstream, asked through its /_ledger queries
  std::string route;  ///< the fake's route the request ends up on
  int requests = 200;
  Wait wait = Wait::Admitted;
  int settleMs = 10;     ///< after the wait, before the close
  int gapMs = 5;         ///< between one request's cancellation and the next request
  int timeoutMs = 5000;  ///< for each wait: admission, first content, cancellation
};

/// Parses argv; on a bad or missing argument returns nothing and sets `error`.
std::optional<ProbeOptions> parseProbeOptions(int argc, char** argv, std::string& error);

const char* probeUsage();

}  // namespace manifold::bench
