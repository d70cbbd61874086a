// Gemini text to speech (audio.speech, schemas/media.md): generateContent
// with responseModalities ["AUDIO"] on a TTS model; the answer is raw 24 kHz
// PCM in inlineData, which the host converts to the client's format.
#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>
#include <string_view>

namespace gemini {

/// The generateContent body for one speech request. `defaultVoice` is used
/// when the client's voice is not a Gemini voice (OpenAI's are lower-case:
/// "alloy"; Gemini's are capitalised: "Kore").
std::string speechRequestBody(const manifold::json::Value& request,
                              const std::string& defaultVoice);

/// A GenerateContentResponse into {"audio_b64", "mime"}. A blocked prompt is
/// MF_ERR_CONTENT_FILTER with Gemini's reason; no audio is MF_ERR_INTERNAL.
std::string parseSpeechResponse(std::string_view body);

}  // namespace gemini
