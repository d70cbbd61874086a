#pragma once

#include <atomic>
#include <string>

namespace manifold::logging {

/// The process-wide `logging.include_content` switch. Off (the default), no
/// prompt text, answer text, provider error body or key may reach a log line
/// or a table; code that would write such text asks here first. Set once at
/// start-up, like the rest of the logging setup.
class LogContent {
 public:
  static void setIncluded(bool included) { included_.store(included, std::memory_order_relaxed); }
  static bool included() { return included_.load(std::memory_order_relaxed); }

  /// `text` when content is included; otherwise a note of what was withheld
  /// (`what`, e.g. "provider message") and its length.
  static std::string redact(const std::string& text, const char* what);

 private:
  static std::atomic<bool> included_;
};

}  // namespace manifold::logging
