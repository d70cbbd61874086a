#include "store/AsyncAttemptWriter.h"

#include <Poco/Logger.h>

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
      ++dropped_;
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

uint64_t AsyncAttemptWriter::dropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

void AsyncAttemptWriter::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, kTick,
                   [this] { return stopping_ || flushWanted_ || queue_.size() >= kBatch; });
    flushWanted_ = false;
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
    try {
      log_.writeAttempts(batch);
    } catch (const std::exception& e) {
      Poco::Logger::get("store").error("dropped %z attempt records: %s", batch.size(),
                                       std::string(e.what()));
    }
    lock.lock();
    writing_ = false;
    if (queue_.empty()) drained_.notify_all();
  }
}

}  // namespace manifold::store
