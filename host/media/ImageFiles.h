#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace manifold::media {

/// A picture kept so that a URL can serve it.
struct StoredImage {
  std::string keyId;  ///< who asked for it ("" for the master or anonymous)
  std::string mime;
  std::string bytes;
};

/// Pictures answered as URLs (response_format "url"), kept in memory until
/// their time to live passes, under a byte cap for all keys together: when a
/// new picture does not fit, the oldest go first. An id is 128 random bits,
/// so the URL itself is the capability to read it.
class ImageFiles {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ImageFiles(int64_t maxBytes, std::function<Clock::time_point()> now = Clock::now);

  /// Keeps a picture for `ttl`; returns its id ("img_" + 32 hex digits), or
  /// "" when the picture alone is larger than the cap.
  std::string put(StoredImage image, std::chrono::seconds ttl);
  /// The picture, while its time to live lasts.
  std::optional<StoredImage> get(const std::string& id);

 private:
  struct Entry {
    StoredImage image;
    Clock::time_point expires;
  };
  void dropOldest();

  const int64_t maxBytes_;
  const std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::deque<std::string> order_;  ///< ids, oldest first
  int64_t bytes_ = 0;
};

}  // namespace manifold::media
