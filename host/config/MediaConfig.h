#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace manifold::config {

/// Pictures and speech (the "media" section): which engines serve each
/// operation, in failover order, and the limits of the media endpoints.
struct MediaConfig {
  std::vector<std::string> imageChain;
  std::vector<std::string> speechChain;
  std::vector<std::string> transcriptionChain;
  /// How long a picture answered as a URL stays served at /v1/images/files/{id}.
  int64_t imageUrlTtlS = 3600;
  /// Largest multipart upload (image edits, transcriptions).
  int64_t maxUploadBytes = 25 * 1024 * 1024;
  /// Pictures kept for URLs, all keys together; the oldest go first.
  int64_t maxStoredImageBytes = 256 * 1024 * 1024;
  int attemptTimeoutMs = 120000;  ///< one engine's whole answer
  int deadlineMs = 300000;        ///< the whole chain
};

}  // namespace manifold::config
