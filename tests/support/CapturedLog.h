#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <mutex>
#include <string>

namespace manifold::test {

/// The text of every message one Poco logger writes while this lives, a line
/// each; the logger's own channel is put back after.
class CapturedLog {
 public:
  explicit CapturedLog(const std::string& logger)
      : logger_(Poco::Logger::get(logger)), previous_(logger_.getChannel()), lines_(new Lines) {
    logger_.setChannel(lines_);
  }
  ~CapturedLog() { logger_.setChannel(previous_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::string text() const { return lines_->text(); }

 private:
  class Lines : public Poco::Channel {
   public:
    void log(const Poco::Message& message) override {
      std::lock_guard<std::mutex> lock(mutex_);
      text_ += message.getText() + "\n";
    }
    std::string text() const {
      std::lock_guard<std::mutex> lock(mutex_);
      return text_;
    }

   private:
    mutable std::mutex mutex_;
    std::string text_;
  };

  Poco::Logger& logger_;
  Poco::AutoPtr<Poco::Channel> previous_;
  Poco::AutoPtr<Lines> lines_;
};

}  // namespace manifold::test
