#pragma once

#include <sys/socket.h>

#include <memory>
#include <string>
#include <vector>

#include "LoadOptions.h"
#include "LoadReport.h"
#include "StreamConnection.h"

namespace manifold::bench {

/// Drives the run on one thread with poll(2): keeps up to `concurrency`
/// requests in flight, opening connections in ramp steps, reusing keep-alive
/// sockets for sequential requests, and sampling the target's RSS.
class LoadRunner {
 public:
  explicit LoadRunner(LoadOptions options);
  /// Resolves host:port; false with `error` set when it cannot.
  bool resolve(std::string& error);
  LoadReport run();

 private:
  struct Slot {
    std::unique_ptr<StreamConnection> connection;
    bool counted = false;  ///< this request already counted as open
  };

  void openConnections(double& tokens);
  void pollOnce(int timeoutMs);
  void countOpened(Slot& slot);
  void sweepFinished(LoadReport& report);
  void sampleRss(LoadReport& report, Clock::time_point now);
  int64_t msSinceStart(Clock::time_point now) const;

  LoadOptions options_;
  std::string request_;
  sockaddr_storage address_{};
  socklen_t addressLength_ = 0;
  std::vector<Slot> live_;
  int launched_ = 0;
  int finished_ = 0;
  int opened_ = 0;
  Clock::time_point start_;
  Clock::time_point allOpenAt_;
  bool allOpen_ = false;
  bool rssAtTaken_ = false;
  Clock::time_point nextRssSample_;
};

}  // namespace manifold::bench
