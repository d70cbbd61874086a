#include "host/media/SpeechSamples.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "support/CommandOnPath.h"
#include "support/TempDir.h"

namespace manifold::test {
namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Runs a shell command; its stdout when it exits 0, else "".
std::string run(const std::string& command) {
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return "";
  std::string output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  return pclose(pipe) == 0 ? output : "";
}

}  // namespace

std::optional<std::string> spokenWav(const std::string& text) {
  if (!commandOnPath("espeak-ng")) return std::nullopt;
  TempDir dir;
  const auto wav = dir / "speech.wav";
  if (run("espeak-ng -w '" + wav.string() + "' '" + text + "'").empty() &&
      !std::filesystem::exists(wav))
    return std::nullopt;
  return readFile(wav);
}

std::string soxInfo(const std::string& bytes, const std::string& extension) {
  TempDir dir;
  const std::string file = (dir / ("audio." + extension)).string();
  std::ofstream(file, std::ios::binary) << bytes;
  // sox decodes every sample (a cut or garbled file fails), soxi describes it
  return run("sox '" + file + "' -n && soxi '" + file + "'");
}

std::string opusInfo(const std::string& bytes) {
  TempDir dir;
  const auto file = dir / "audio.opus";
  std::ofstream(file, std::ios::binary) << bytes;
  return run("opusinfo '" + file.string() + "'");
}

std::string sha256Hex(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace manifold::test
