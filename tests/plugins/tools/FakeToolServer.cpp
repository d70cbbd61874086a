#include "FakeToolServer.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>

#include <stdexcept>

#include "support/CommandOnPath.h"

namespace manifold::test {

std::string FakeToolServer::missingTool() {
  if (commandOnPath("node")) return "";
  return "node is not installed (packaging/install-deps.sh --test)";
}

FakeToolServer::FakeToolServer(const std::string& fake, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {std::string(MANIFOLD_SOURCE_DIR) + "/tests/fakes/" + fake +
                                   "/server.mjs"};
  argv.insert(argv.end(), args.begin(), args.end());
  Poco::Pipe out;
  process_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch("node", argv, nullptr, &out, &out));
  Poco::PipeInputStream stream(out);
  std::string line, printed;
  while (std::getline(stream, line)) {
    if (line.rfind("listening ", 0) == 0) {
      port_ = static_cast<uint16_t>(std::stoi(line.substr(10)));
      break;
    }
    printed += line + "\n";
  }
  if (port_ == 0) {
    process_->wait();
    throw std::runtime_error("the fake " + fake + " did not start: " + printed);
  }
  client_ = HttpTestClient(port_);
}

FakeToolServer::~FakeToolServer() {
  if (!process_) return;
  try {
    Poco::Process::kill(*process_);
    process_->wait();
  } catch (...) {
  }
}

void FakeToolServer::fault(const std::string& kind, const std::string& pathPrefix, int times,
                           int delayMs) const {
  json::Value body = json::Value::object();
  body.set("fault", kind);
  body.set("path", pathPrefix);
  if (times > 0) body.set("times", times);
  body.set("delay_ms", delayMs);
  const HttpResult answer = client_.post("/_fault", json::stringify(body));
  if (!answer.ok()) throw std::runtime_error("the fake refused the fault: " + answer.body);
}

void FakeToolServer::clear() const {
  const HttpResult answer = client_.post("/_clear", "");
  if (!answer.ok()) throw std::runtime_error("the fake refused to clear: " + answer.body);
}

std::vector<json::Value> FakeToolServer::ledger() const {
  std::optional<json::Value> all = json::parse(client_.get("/_ledger").body);
  if (!all || !all->isArray()) throw std::runtime_error("the fake's ledger is not a JSON array");
  return all->asArray();
}

std::vector<json::Value> FakeToolServer::requestsTo(const std::string& path) const {
  std::vector<json::Value> found;
  for (const json::Value& r : ledger())
    if (r["path"].asString() == path) found.push_back(r);
  return found;
}

std::vector<json::Value> FakeToolServer::requestsUnder(const std::string& prefix) const {
  std::vector<json::Value> found;
  for (const json::Value& r : ledger())
    if (r["path"].asString().rfind(prefix, 0) == 0) found.push_back(r);
  return found;
}

}  // namespace manifold::test
