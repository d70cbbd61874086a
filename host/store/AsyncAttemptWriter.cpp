#include "store/AsyncAttemptWriter.h"

#include <exception>
#include <vector>

namespace manifold::store {

AsyncAttemptWriter::AsyncAttemptWriter(AttemptLog& log, size_t maxQueued)
    : log_(log), maxQueued_(maxQueued), thread_([this] { run(); }) {}

AsyncAttemptWriter::~AsyncAttemptWriter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AsyncAttemptWriter::record(AttemptRecord record) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.size() >= maxQueued_) {
      losses_.lost(1, "the write queue is full", LossReport::Clock::now());
      return;
    }
    queue_.push_back(std::move(record));
    if (queue_.size() < kBatch) return;  // the writer's tick takes it: no wake-up per request
  }
  wake_.notify_one();
}

void AsyncAttemptWriter::flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  flushWanted_ = true;
  wake_.notify_one();
  drained_.wait(lock, [this] { return queue_.empty() && !writing_; });
}

uint64_t AsyncAttemptWriter::lostRecords() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return losses_.total();
}

void AsyncAttemptWriter::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, kTick,
                   [this] { return stopping_ || flushWanted_ || queue_.size() >= kBatch; });
    flushWanted_ = false;
    losses_.tick(LossReport::Clock::now());
    if (queue_.empty()) {
      if (stopping_) return;
      drained_.notify_all();
      continue;
    }
    std::vector<AttemptRecord> batch(std::make_move_iterator(queue_.begin()),
                                     std::make_move_iterator(queue_.end()));
    queue_.clear();
    writing_ = true;
    lock.unlock();
    std::string failure;
    try {
      log_.writeAttempts(batch);
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown error";
    }
    lock.lock();
    if (!failure.empty()) losses_.lost(batch.size(), failure, LossReport::Clock::now());
    writing_ = false;
    if (queue_.empty()) drained_.notify_all();
  }
}

}  // namespace manifold::store
