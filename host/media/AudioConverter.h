#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "media/AudioFormats.h"

namespace manifold::media {

/// What libsndfile read from some bytes.
struct AudioInfo {
  std::string mime;  ///< the container: audio/wav, audio/mpeg, audio/ogg, audio/flac...
  int sampleRate = 0;
  int channels = 0;
  int64_t frames = 0;  ///< 0 when the container does not say (some MP3s)
  double durationS() const { return sampleRate > 0 ? double(frames) / sampleRate : 0; }
};

/// Audio in memory, read and written with libsndfile (Debian's build reads
/// and writes WAV, MP3, Ogg Opus, FLAC and more, with no external process).
/// Stateless; safe from any thread.
class AudioConverter {
 public:
  /// What the bytes hold, when libsndfile reads them as audio with at least
  /// one frame; otherwise nullopt and `why` says what was wrong.
  static std::optional<AudioInfo> probe(const std::string& bytes, std::string& why);

  /// Re-encodes audio labelled `mime` (a container libsndfile recognises, or
  /// raw PCM as "audio/L16;rate=N;channels=C", signed 16-bit little-endian)
  /// into `to`. Opus takes only 8, 12, 16, 24 or 48 kHz: other rates are
  /// resampled (linearly) to 48 kHz. nullopt, with `why`, on failure.
  static std::optional<std::string> convert(const std::string& bytes, const std::string& mime,
                                            AudioFormat to, std::string& why);
};

}  // namespace manifold::media
