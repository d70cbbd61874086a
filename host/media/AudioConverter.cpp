#include "media/AudioConverter.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <sndfile.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace manifold::media {
namespace {

/// A file in memory for libsndfile's virtual I/O: reads from `bytes`, or
/// writes into it (seeking back, as the WAV header update at close does).
struct MemoryFile {
  std::string bytes;
  sf_count_t pos = 0;
};

sf_count_t fileLength(void* user) {
  return static_cast<MemoryFile*>(user)->bytes.size();
}

sf_count_t fileSeek(sf_count_t offset, int whence, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  const sf_count_t base = whence == SEEK_SET   ? 0
                          : whence == SEEK_CUR ? f->pos
                                               : static_cast<sf_count_t>(f->bytes.size());
  f->pos = std::max<sf_count_t>(0, base + offset);
  return f->pos;
}

sf_count_t fileRead(void* ptr, sf_count_t count, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  const sf_count_t size = static_cast<sf_count_t>(f->bytes.size());
  const sf_count_t n = std::max<sf_count_t>(0, std::min(count, size - f->pos));
  if (n > 0) std::memcpy(ptr, f->bytes.data() + f->pos, static_cast<size_t>(n));
  f->pos += n;
  return n;
}

sf_count_t fileWrite(const void* ptr, sf_count_t count, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  const size_t end = static_cast<size_t>(f->pos + count);
  if (f->bytes.size() < end) f->bytes.resize(end);
  std::memcpy(f->bytes.data() + f->pos, ptr, static_cast<size_t>(count));
  f->pos += count;
  return count;
}

sf_count_t fileTell(void* user) {
  return static_cast<MemoryFile*>(user)->pos;
}

SF_VIRTUAL_IO memoryIo() {
  return {fileLength, fileSeek, fileRead, fileWrite, fileTell};
}

/// An open libsndfile handle, closed when it goes.
class SoundFile {
 public:
  SoundFile(MemoryFile& file, int mode, SF_INFO& info) {
    SF_VIRTUAL_IO io = memoryIo();
    handle_ = sf_open_virtual(&io, mode, &info, &file);
  }
  ~SoundFile() { close(); }
  SoundFile(const SoundFile&) = delete;
  SoundFile& operator=(const SoundFile&) = delete;
  SNDFILE* get() const { return handle_; }
  std::string error() const { return sf_strerror(handle_); }
  void close() {
    if (handle_) sf_close(handle_);
    handle_ = nullptr;
  }

 private:
  SNDFILE* handle_ = nullptr;
};

/// Samples, interleaved, at a rate.
struct Pcm {
  std::vector<float> samples;
  int sampleRate = 0;
  int channels = 0;
};

/// "audio/L16;rate=24000;channels=1" to libsndfile's raw settings; false for
/// any other mime (then libsndfile recognises the container itself).
bool rawPcmInfo(const std::string& mime, SF_INFO& info) {
  const std::string type = Poco::toLower(Poco::trim(mime.substr(0, mime.find(';'))));
  if (type != "audio/l16" && type != "audio/pcm") return false;
  info.samplerate = 24000;
  info.channels = 1;
  info.format = SF_FORMAT_RAW | SF_FORMAT_PCM_16 | SF_ENDIAN_LITTLE;
  std::string rest = mime.find(';') == std::string::npos ? "" : mime.substr(mime.find(';') + 1);
  for (std::string param : {std::string("rate"), std::string("channels")}) {
    const std::string lower = Poco::toLower(rest);
    const size_t at = lower.find(param + "=");
    if (at == std::string::npos) continue;
    int value = 0;
    const size_t from = at + param.size() + 1;
    if (Poco::NumberParser::tryParse(Poco::trim(rest.substr(from, rest.find(';', from) - from)),
                                     value) &&
        value > 0)
      (param == "rate" ? info.samplerate : info.channels) = value;
  }
  return true;
}

std::optional<Pcm> decode(const std::string& bytes, const std::string& mime, std::string& why) {
  MemoryFile file{bytes, 0};
  SF_INFO info{};
  rawPcmInfo(mime, info);
  SoundFile sound(file, SFM_READ, info);
  if (!sound.get()) {
    why = "not audio libsndfile can read: " + sound.error();
    return std::nullopt;
  }
  Pcm pcm{{}, info.samplerate, info.channels};
  std::vector<float> block(4096 * static_cast<size_t>(info.channels));
  sf_count_t got;
  while ((got = sf_readf_float(sound.get(), block.data(), 4096)) > 0)
    pcm.samples.insert(pcm.samples.end(), block.begin(), block.begin() + got * info.channels);
  if (pcm.samples.empty()) {
    why = "the audio has no samples";
    return std::nullopt;
  }
  return pcm;
}

/// Linear interpolation: enough for speech, and no extra library.
Pcm resample(const Pcm& in, int rate) {
  Pcm out{{}, rate, in.channels};
  const size_t frames = in.samples.size() / static_cast<size_t>(in.channels);
  const size_t outFrames = static_cast<size_t>(static_cast<double>(frames) * rate / in.sampleRate);
  out.samples.resize(outFrames * static_cast<size_t>(in.channels));
  for (size_t i = 0; i < outFrames; ++i) {
    const double at = static_cast<double>(i) * in.sampleRate / rate;
    const size_t left = std::min(static_cast<size_t>(at), frames - 1);
    const size_t right = std::min(left + 1, frames - 1);
    const float t = static_cast<float>(at - static_cast<double>(left));
    for (int c = 0; c < in.channels; ++c)
      out.samples[i * in.channels + c] =
          in.samples[left * in.channels + c] * (1 - t) + in.samples[right * in.channels + c] * t;
  }
  return out;
}

bool opusRate(int rate) {
  return rate == 8000 || rate == 12000 || rate == 16000 || rate == 24000 || rate == 48000;
}

int sndfileFormat(AudioFormat format) {
  switch (format) {
    case AudioFormat::Mp3:
      return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
    case AudioFormat::Opus:
      return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    case AudioFormat::Wav:
      break;
  }
  return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
}

std::optional<std::string> encode(const Pcm& pcm, AudioFormat to, std::string& why) {
  MemoryFile file;
  SF_INFO info{};
  info.samplerate = pcm.sampleRate;
  info.channels = pcm.channels;
  info.format = sndfileFormat(to);
  {
    SoundFile sound(file, SFM_WRITE, info);
    if (!sound.get()) {
      why = "libsndfile cannot write this format: " + sound.error();
      return std::nullopt;
    }
    const sf_count_t frames = static_cast<sf_count_t>(pcm.samples.size()) / pcm.channels;
    if (sf_writef_float(sound.get(), pcm.samples.data(), frames) != frames) {
      why = "libsndfile failed writing: " + sound.error();
      return std::nullopt;
    }
  }  // closing flushes the encoder and the header
  return std::move(file.bytes);
}

std::string containerMime(int format) {
  switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
      return "audio/wav";
    case SF_FORMAT_MPEG:
      return "audio/mpeg";
    case SF_FORMAT_OGG:
      return "audio/ogg";
    case SF_FORMAT_FLAC:
      return "audio/flac";
    case SF_FORMAT_AIFF:
      return "audio/aiff";
    default:
      return "application/octet-stream";
  }
}

}  // namespace

std::optional<AudioInfo> AudioConverter::probe(const std::string& bytes, std::string& why) {
  MemoryFile file{bytes, 0};
  SF_INFO info{};
  SoundFile sound(file, SFM_READ, info);
  if (!sound.get()) {
    why = "the file is not audio (libsndfile: " + sound.error() + ")";
    return std::nullopt;
  }
  // MP3 reports no frame count up front (SF_COUNT_MAX or 0): read one block.
  float block[4096];
  const int channels = std::max(1, info.channels);
  if (sf_readf_float(sound.get(), block, 4096 / channels) <= 0) {
    why = "the audio has no samples";
    return std::nullopt;
  }
  const int64_t frames = info.frames > 0 && info.frames < SF_COUNT_MAX ? info.frames : 0;
  return AudioInfo{containerMime(info.format), info.samplerate, info.channels, frames};
}

std::optional<std::string> AudioConverter::convert(const std::string& bytes,
                                                   const std::string& mime, AudioFormat to,
                                                   std::string& why) {
  std::optional<Pcm> pcm = decode(bytes, mime, why);
  if (!pcm) return std::nullopt;
  if (to == AudioFormat::Opus && !opusRate(pcm->sampleRate)) pcm = resample(*pcm, 48000);
  return encode(*pcm, to, why);
}

}  // namespace manifold::media
