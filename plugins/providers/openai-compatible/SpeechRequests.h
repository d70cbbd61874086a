// Speech out (audio.speech) and in (audio.transcription) for the engines this
// plugin serves: OpenAI's /audio/speech and /audio/transcriptions (and Groq's,
// the same API), and Cloudflare Workers AI's MeloTTS and Whisper models.
// Requests and results are schemas/media.md's.
#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "EngineTarget.h"

namespace openai_compatible {

bool isSpeechOperation(std::string_view operation);

/// Builds the upstream request; false when this engine does not do the
/// operation (a Cloudflare model that is neither MeloTTS nor Whisper).
bool buildSpeechRequest(const manifold::Engine& engine, const EngineTarget& target,
                        std::string_view operation, const manifold::json::Value& request,
                        manifold::RequestBuilder& out);

/// A 2xx upstream answer into the operation's result JSON. Throws
/// manifold::Error (MF_ERR_INTERNAL) for a body of the wrong shape.
std::string parseSpeechResponse(const EngineTarget& target, std::string_view operation,
                                const std::vector<manifold::HeaderView>& headers,
                                std::string_view body);

}  // namespace openai_compatible
