#pragma once

#include <optional>
#include <string>

#include "http/MultipartForm.h"
#include "media/AudioFormats.h"

namespace manifold::api {

/// Why a client's audio request is refused (400).
struct AudioRequestProblem {
  std::string message;
  std::string param;
};

/// POST /v1/audio/speech, OpenAI's JSON: the media request for the chain
/// (schemas/media.md audio.speech) and the format the client wants back.
struct SpeechRequest {
  std::string requestJson;
  media::AudioFormat format = media::AudioFormat::Mp3;
};

/// {"model" (ignored: the chain decides), "input" (1 to 4096 characters),
/// "voice" (default "alloy"), "response_format" (mp3 | wav | opus, default
/// mp3), "speed" (0.25 to 4), "instructions"}.
std::optional<SpeechRequest> parseSpeechRequest(const std::string& body,
                                                AudioRequestProblem& problem);

/// POST /v1/audio/transcriptions, OpenAI's multipart form, with the upload
/// already checked to be audio (`mime` is what libsndfile found it to be).
struct TranscriptionRequest {
  std::string requestJson;     ///< schemas/media.md audio.transcription
  std::string responseFormat;  ///< json | text | verbose_json
  std::string language;        ///< as the client sent it, "" when absent
};

/// Fields: "file" (required), "model" (ignored), "language", "prompt",
/// "response_format" (json | text | verbose_json, default json),
/// "temperature" (0 to 1).
std::optional<TranscriptionRequest> parseTranscriptionForm(const http::MultipartForm& form,
                                                           const std::string& audioMime,
                                                           AudioRequestProblem& problem);

}  // namespace manifold::api
