#include "support/FakeSibling.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>

#include <stdexcept>

namespace manifold::test {

FakeSibling::FakeSibling(const Options& options) {
  std::vector<std::string> args = {
      std::string(MANIFOLD_SOURCE_DIR) + "/tests/fakes/sibling/server.mjs",
      "--port",
      "0",
      "--token",
      options.token,
      "--steps",
      std::to_string(options.steps)};
  for (const std::string& s : options.webhookSecrets)
    args.insert(args.end(), {"--webhook-secret", s});
  for (const std::string& i : options.immediateIntents)
    args.insert(args.end(), {"--immediate-intent", i});
  Poco::Pipe out;
  process_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch("node", args, nullptr, &out, &out));
  Poco::PipeInputStream stream(out);
  std::string line, printed;
  while (std::getline(stream, line)) {
    const std::string marker = "listening on 127.0.0.1:";
    if (line.rfind(marker, 0) == 0) {
      port_ = static_cast<uint16_t>(std::stoi(line.substr(marker.size())));
      break;
    }
    printed += line + "\n";
  }
  if (port_ == 0) {
    process_->wait();
    throw std::runtime_error(
        "the fake sibling did not start (did tests/fakes/sibling/install.sh "
        "run?): " +
        printed);
  }
  client_ = HttpTestClient(port_);
}

FakeSibling::~FakeSibling() {
  if (!process_) return;
  try {
    Poco::Process::kill(*process_);
    process_->wait();
  } catch (...) {
  }
}

int FakeSibling::advance(const std::string& remoteId) const {
  return client_.post("/_advance/" + remoteId, "").status;
}

void FakeSibling::fault(int status, int count, const std::string& retryAfter) const {
  client_.post("/_fault", "{\"status\":" + std::to_string(status) + ",\"count\":" +
                              std::to_string(count) + ",\"retry_after\":\"" + retryAfter + "\"}");
}

std::string FakeSibling::ledger() const {
  return client_.get("/_ledger").body;
}

}  // namespace manifold::test
