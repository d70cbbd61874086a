#include "LoadOptions.h"

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

}  // namespace

const char* loadUsage() {
  return "usage: manifold-stream-load --port N --body JSON|@FILE [--host 127.0.0.1]\n"
         "         [--path /v1/chat/completions] [--concurrency N] [--requests M]\n"
         "         [--ramp-batch 200] [--ramp-interval-ms 10] [--timeout-ms 120000]\n"
         "         [--rss-pid PID --rss-at-ms T] [--new-connection-each]\n";
}

std::optional<LoadOptions> parseLoadOptions(int argc, char** argv, std::string& error) {
  LoadOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--new-connection-each") {
      o.newConnectionEach = true;
      continue;
    }
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
      if (!value.empty() && value[0] == '@') {
        std::ifstream in(value.substr(1), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        ok = static_cast<bool>(in);
        o.body = text.str();
      } else {
        o.body = value;
      }
    } else if (arg == "--port") {
      ok = toInt(value, o.port);
    } else if (arg == "--concurrency") {
      ok = toInt(value, o.concurrency);
    } else if (arg == "--requests") {
      ok = toInt(value, o.requests);
    } else if (arg == "--ramp-batch") {
      ok = toInt(value, o.rampBatch);
    } else if (arg == "--ramp-interval-ms") {
      ok = toInt(value, o.rampIntervalMs);
    } else if (arg == "--timeout-ms") {
      ok = toInt(value, o.timeoutMs);
    } else if (arg == "--rss-pid") {
      ok = toInt(value, o.rssPid);
    } else if (arg == "--rss-at-ms") {
      ok = toInt(value, o.rssAtMs);
    } else {
      error = "unknown option " + arg;
      return std::nullopt;
    }
    if (!ok) {
      error = "bad value for " + arg + ": " + value;
      return std::nullopt;
    }
  }
  if (o.port <= 0 || o.port > 65535) error = "--port is required";
  if (o.body.empty()) error = "--body is required";
  if (o.concurrency < 1) error = "--concurrency must be at least 1";
  if (o.rampBatch < 1) error = "--ramp-batch must be at least 1";
  if (!error.empty()) return std::nullopt;
  if (o.requests == 0) o.requests = o.concurrency;
  return o;
}

}  // namespace manifold::bench
