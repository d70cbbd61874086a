#include "ProbeOptions.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace manifold::bench {
namespace {

bool toInt(const std::string& text, int& out) {
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 0 || value > 100000000) return false;
  out = static_cast<int>(value);
  return true;
}

bool readBody(const std::string& value, std::string& body) {
  if (value.empty() || value[0] != '@') {
    body = value;
    return true;
  }
  std::ifstream in(value.substr(1), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  body = text.str();
  return static_cast<bool>(in);
}

}  // namespace

const char* probeUsage() {
  return "usage: manifold-cancel-probe --port N --body JSON|@FILE --fake-port F --route R\n"
         "         [--host 127.0.0.1] [--path /v1/chat/completions] [--requests 200]\n"
         "         [--wait admitted|content] [--settle-ms 10] [--gap-ms 5] [--timeout-ms 5000]\n";
}

std::optional<ProbeOptions> parseProbeOptions(int argc, char** argv, std::string& error) {
  ProbeOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      error = arg + " needs a value";
      return std::nullopt;
    }
    const std::string value = argv[++i];
    bool ok = true;
    if (arg == "--host") {
      o.host = value;
    } else if (arg == "--path") {
      o.path = value;
    } else if (arg == "--body") {
      ok = readBody(value, o.body);
    } else if (arg == "--route") {
      o.route = value;
    } else if (arg == "--wait") {
      ok = value == "admitted" || value == "content";
      o.wait = value == "content" ? ProbeOptions::Wait::Content : ProbeOptions::Wait::Admitted;
    } else if (arg == "--port") {
      ok = toInt(value, o.port);
    } else if (arg == "--fake-port") {
      ok = toInt(value, o.fakePort);
    } else if (arg == "--requests") {
      ok = toInt(value, o.requests);
    } else if (arg == "--settle-ms") {
      ok = toInt(value, o.settleMs);
    } else if (arg == "--gap-ms") {
      ok = toInt(value, o.gapMs);
    } else if (arg == "--timeout-ms") {
      ok = toInt(value, o.timeoutMs);
    } else {
      error = "unknown option " + arg;
      return std::nullopt;
    }
    if (!ok) {
      error = "bad value for " + arg + ": " + value;
      return std::nullopt;
    }
  }
  if (o.port <= 0 || o.fakePort <= 0 || o.body.empty() || o.route.empty() || o.requests <= 0) {
    error = "--port, --fake-port, --route and --body are required";
    return std::nullopt;
  }
  return o;
}

}  // namespace manifold::bench
