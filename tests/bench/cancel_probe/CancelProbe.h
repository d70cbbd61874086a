#pragma once

#include <cstdint>

#include "LedgerClient.h"
#include "ProbeOptions.h"
#include "ResponseParser.h"

namespace manifold::bench {

enum class CancelFailure {
  None,
  NoLedger,       ///< the fake did not answer a ledger query
  ConnectFailed,  ///< the client could not connect or send its request
  NotAdmitted,    ///< the request never reached the fake's route in time
  NoContent,      ///< --wait content: no content delta arrived in time
  Answered,       ///< the response ended (or failed) before the client hung up
  NotCancelled,   ///< the fake still held the request after the timeout
};

const char* failureName(CancelFailure failure);

/// One cancellation, end to end.
struct CancelResult {
  CancelFailure failure = CancelFailure::None;
  int64_t latencyNs = 0;  ///< the client's close() to the fake seeing it gone
};

/// Opens a streamed chat request, waits until it is in flight upstream, hangs
/// up, and asks the fake when it saw its side of the request abandoned. Both
/// times are on the steady clock (CLOCK_MONOTONIC), so they compare across the
/// two processes on one machine.
///
/// The fake numbers a route's requests itself; the probe takes the next number
/// to be its own, so nothing else may send requests to that route meanwhile.
class CancelProbe {
 public:
  CancelProbe(const ProbeOptions& options, LedgerClient& ledger);

  CancelResult runOne();

 private:
  int connectClient() const;
  /// Reads what has arrived without blocking (up to waitMs for the first
  /// content delta when `untilContent`); false when the response ended or
  /// failed, or no content came in time.
  bool read(int fd, ResponseParser& parser, bool untilContent) const;

  const ProbeOptions& options_;
  LedgerClient& ledger_;
  std::string request_;
};

}  // namespace manifold::bench
