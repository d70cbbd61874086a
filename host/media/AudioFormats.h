#pragma once

#include <optional>
#include <string>

namespace manifold::media {

/// What the audio endpoints answer in: OpenAI's response_format values.
enum class AudioFormat { Mp3, Wav, Opus };

/// "mp3", "wav" or "opus" to a format; nullopt for anything else.
std::optional<AudioFormat> audioFormatNamed(const std::string& name);
/// The Content-Type the gateway sends a format with.
std::string mimeOf(AudioFormat format);
/// True when audio labelled `mime` (as an engine's result says it, see
/// schemas/media.md) is already in `format`, so needs no conversion.
bool mimeIsFormat(const std::string& mime, AudioFormat format);

}  // namespace manifold::media
