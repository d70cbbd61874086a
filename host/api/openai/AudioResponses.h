#pragma once

#include <optional>
#include <string>

#include "media/AudioFormats.h"

namespace manifold::api {

/// A body to send and its Content-Type.
struct AudioReply {
  std::string body;
  std::string contentType;
};

/// An audio.speech result ({"audio_b64", "mime"}) as the client's format:
/// decoded, and converted (media::AudioConverter) when the engine gave
/// another. nullopt, with `why`, when the result is not usable audio.
std::optional<AudioReply> speechReply(const std::string& resultJson, media::AudioFormat format,
                                      std::string& why);

/// An audio.transcription result in OpenAI's response_format: json as
/// {"text"}, text as the bare text, verbose_json as OpenAI's verbose object
/// (task, language, duration, text, segments, words) from what the engine
/// gave; `language` and `durationS` (the upload's, from libsndfile) fill in
/// what it did not. nullopt, with `why`, when the result has no text.
std::optional<AudioReply> transcriptionReply(const std::string& resultJson,
                                             const std::string& responseFormat,
                                             const std::string& language, double durationS,
                                             std::string& why);

}  // namespace manifold::api
