#pragma once

#include <optional>
#include <string>

namespace manifold::bench {

/// What one manifold-stream-load run does, from its command line.
struct LoadOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string path = "/v1/chat/completions";
  std::string body;
  int concurrency = 1;             ///< streams in flight at once
  int requests = 0;                ///< total; 0 means `concurrency`
  int rampBatch = 200;             ///< new connections opened per ramp step
  int rampIntervalMs = 10;         ///< time between ramp steps
  int timeoutMs = 120000;          ///< a stream still unfinished after this has timed out
  int rssPid = 0;                  ///< 0: no memory sampling
  int rssAtMs = 0;                 ///< sample VmRSS this long after every stream is open
  bool newConnectionEach = false;  ///< no keep-alive reuse between sequential requests
};

/// Parses argv; on a bad or missing argument returns nothing and sets `error`.
std::optional<LoadOptions> parseLoadOptions(int argc, char** argv, std::string& error);

const char* loadUsage();

}  // namespace manifold::bench
