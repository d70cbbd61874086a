#include "media/ImageFiles.h"

#include "keys/Secrets.h"

namespace manifold::media {

ImageFiles::ImageFiles(int64_t maxBytes, std::function<Clock::time_point()> now)
    : maxBytes_(maxBytes), now_(std::move(now)) {}

void ImageFiles::dropOldest() {
  const std::string id = order_.front();
  order_.pop_front();
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  bytes_ -= static_cast<int64_t>(it->second.image.bytes.size());
  entries_.erase(it);
}

std::string ImageFiles::put(StoredImage image, std::chrono::seconds ttl) {
  const auto size = static_cast<int64_t>(image.bytes.size());
  if (size > maxBytes_) return "";
  std::string id = "img_" + keys::randomHex(16);
  std::lock_guard<std::mutex> lock(mutex_);
  const Clock::time_point now = now_();
  // Expired pictures first, then the oldest, until the new one fits.
  while (!order_.empty()) {
    auto it = entries_.find(order_.front());
    const bool expired = it == entries_.end() || it->second.expires <= now;
    if (!expired && bytes_ + size <= maxBytes_) break;
    dropOldest();
  }
  bytes_ += size;
  order_.push_back(id);
  entries_[id] = Entry{std::move(image), now + ttl};
  return id;
}

std::optional<StoredImage> ImageFiles::get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.expires <= now_()) return std::nullopt;
  return it->second.image;
}

}  // namespace manifold::media
