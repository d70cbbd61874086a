#include "FakeToolApi.h"

#include <Poco/PipeStream.h>

#include <cstdlib>
#include <stdexcept>

#include "support/HttpTestClient.h"

namespace manifold::test {

std::string FakeToolApi::missingTool() {
  if (std::system("node --version >/dev/null 2>&1") != 0)
    return "node is not installed (packaging/install-deps.sh --test)";
  return "";
}

FakeToolApi::FakeToolApi(const std::string& api) {
  const std::string source = MANIFOLD_SOURCE_DIR;
  process_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch("node",
                            {source + "/tests/fakes/tools-a/server.mjs", "--api", api, "--fixtures",
                             source + "/tests/fixtures/tools/" + api},
                            nullptr, &output_, nullptr));
  Poco::PipeInputStream in(output_);
  std::string word;
  int port = 0;
  in >> word >> port;
  if (word != "listening" || port <= 0)
    throw std::runtime_error("the fake " + api + " API did not start");
  port_ = static_cast<uint16_t>(port);
}

FakeToolApi::~FakeToolApi() {
  if (!process_) return;
  Poco::Process::kill(*process_);
  process_->wait();
}

void FakeToolApi::fault(const std::string& path, const std::string& kind) const {
  json::Value body = json::Value::object();
  body.set("path", path);
  body.set("kind", kind);
  const HttpResult answer = HttpTestClient(port_).post("/_fault", json::stringify(body));
  if (!answer.ok()) throw std::runtime_error("the fake refused the fault: " + answer.body);
}

void FakeToolApi::reset() const {
  const HttpResult answer = HttpTestClient(port_).post("/_reset", "{}");
  if (!answer.ok()) throw std::runtime_error("the fake refused to reset: " + answer.body);
}

std::vector<json::Value> FakeToolApi::requestsTo(const std::string& path) const {
  const std::optional<json::Value> ledger = json::parse(HttpTestClient(port_).get("/_ledger").body);
  if (!ledger) throw std::runtime_error("the fake answered /_ledger with no JSON");
  std::vector<json::Value> found;
  for (const json::Value& r : (*ledger)["requests"].asArray())
    if (r["path"].asString().rfind(path, 0) == 0) found.push_back(r);
  return found;
}

}  // namespace manifold::test
