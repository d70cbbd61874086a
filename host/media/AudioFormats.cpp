#include "media/AudioFormats.h"

#include <Poco/String.h>

namespace manifold::media {

std::optional<AudioFormat> audioFormatNamed(const std::string& name) {
  if (name == "mp3") return AudioFormat::Mp3;
  if (name == "wav") return AudioFormat::Wav;
  if (name == "opus") return AudioFormat::Opus;
  return std::nullopt;
}

std::string mimeOf(AudioFormat format) {
  switch (format) {
    case AudioFormat::Mp3:
      return "audio/mpeg";
    case AudioFormat::Wav:
      return "audio/wav";
    case AudioFormat::Opus:
      return "audio/ogg";
  }
  return "application/octet-stream";
}

bool mimeIsFormat(const std::string& mime, AudioFormat format) {
  const std::string type = Poco::toLower(Poco::trim(mime.substr(0, mime.find(';'))));
  switch (format) {
    case AudioFormat::Mp3:
      return type == "audio/mpeg" || type == "audio/mp3";
    case AudioFormat::Wav:
      return type == "audio/wav" || type == "audio/x-wav" || type == "audio/wave";
    case AudioFormat::Opus:
      return type == "audio/ogg" || type == "audio/opus";
  }
  return false;
}

}  // namespace manifold::media
