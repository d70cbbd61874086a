#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "store/AttemptRecord.h"
#include "store/LossReport.h"

namespace manifold::store {

/// Takes attempt records off the answer's path: record() only queues, and one
/// background thread writes batches to the log every tick (or at once when a
/// batch fills), so a request never wakes it. The queue is bounded; when
/// the store falls that far behind, records are dropped and counted, never
/// waited for. A batch the store refuses (disk full, database locked) is
/// lost and counted too, and logged at most once a minute (LossReport).
/// As an observer it records reports unpriced; the gateway puts the usage
/// observer in front of it instead (usage/UsageObserver.h).
class AsyncAttemptWriter : public turn::TurnObserver {
 public:
  static constexpr size_t kBatch = 256;                   ///< a full batch is written at once
  static constexpr std::chrono::milliseconds kTick{100};  ///< otherwise this often

  explicit AsyncAttemptWriter(AttemptLog& log, size_t maxQueued = 100000);
  ~AsyncAttemptWriter() override;  ///< writes what is queued, then stops

  void attempt(const turn::AttemptReport& report) override { record(report); }

  void record(AttemptRecord record);
  /// Blocks until everything queued so far is written (for tests and shutdown).
  void flush();
  /// Records that will never be written: dropped because the queue was full,
  /// or in a batch the store refused. Only grows. Safe from any thread.
  uint64_t lostRecords() const;

 private:
  void run();

  AttemptLog& log_;
  const size_t maxQueued_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::deque<AttemptRecord> queue_;
  bool writing_ = false;
  bool flushWanted_ = false;
  bool stopping_ = false;
  LossReport losses_;
  std::thread thread_;
};

}  // namespace manifold::store
