#pragma once

#include "media/ImageFiles.h"
#include "media/MediaChain.h"

namespace manifold::media {

/// What the media endpoints and the image mode share: the chain walk (on the
/// gateway's HTTP client and breakers) and the pictures kept for URLs.
class MediaService {
 public:
  MediaService(upstream::HttpExchange& http, failover::CircuitBreakers& breakers,
               int64_t maxStoredImageBytes)
      : chain_(http, breakers), imageFiles_(maxStoredImageBytes) {}

  MediaAnswer run(const MediaRequest& request) { return chain_.run(request); }
  ImageFiles& imageFiles() { return imageFiles_; }

 private:
  MediaChain chain_;
  ImageFiles imageFiles_;
};

}  // namespace manifold::media
