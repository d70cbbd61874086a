#pragma once

#include <optional>
#include <string>

namespace manifold::test {

/// Real speech for the audio tests, made with Debian's espeak-ng at test
/// time: a WAV file's bytes, or nullopt when espeak-ng is missing (the caller
/// skips, saying so).
std::optional<std::string> spokenWav(const std::string& text);

/// What `soxi` says of audio bytes of type `extension` (mp3, wav), or ""
/// when sox cannot decode them. (Debian's sox reads no Opus: see opusInfo.)
std::string soxInfo(const std::string& bytes, const std::string& extension);

/// What `opusinfo` (Debian opus-tools) says of Ogg Opus bytes, or "" when
/// it finds no valid Opus stream.
std::string opusInfo(const std::string& bytes);

/// The hex SHA-256 of some bytes, as the fakes report what they received.
std::string sha256Hex(const std::string& bytes);

}  // namespace manifold::test
