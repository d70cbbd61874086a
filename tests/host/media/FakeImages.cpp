#include "FakeImages.h"

#include <Poco/PipeStream.h>

#include <stdexcept>

#include "support/CommandOnPath.h"
#include "support/HttpTestClient.h"

namespace manifold::test {

std::string FakeImages::missingTool() {
  return commandOnPath("node") ? "" : "node is not installed (packaging/install-deps.sh --test)";
}

FakeImages::FakeImages(const std::vector<std::string>& cloudflareAccounts) {
  std::vector<std::string> args{std::string(MANIFOLD_SOURCE_DIR) +
                                "/tests/fakes/images/server.mjs"};
  for (const std::string& account : cloudflareAccounts) {
    args.push_back("--cf-account");
    args.push_back(account);
  }
  process_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch("node", args, nullptr, &output_, nullptr));
  Poco::PipeInputStream in(output_);
  std::string word;
  int port = 0;
  in >> word >> port;
  if (word != "listening" || port <= 0) throw std::runtime_error("the fake images did not start");
  port_ = static_cast<uint16_t>(port);
}

FakeImages::~FakeImages() {
  if (!process_) return;
  Poco::Process::kill(*process_);
  process_->wait();
}

std::string FakeImages::baseUrl(const std::string& provider) const {
  const std::string origin = "http://127.0.0.1:" + std::to_string(port_) + "/" + provider;
  if (provider == "openai") return origin + "/v1";
  if (provider == "cloudflare") return origin + "/client/v4";
  return origin;
}

std::vector<json::Value> FakeImages::ledger() const {
  const HttpResult result = HttpTestClient(port_).get("/_ledger");
  std::optional<json::Value> entries = json::parse(result.body);
  if (!entries || !entries->isArray()) throw std::runtime_error("bad ledger: " + result.body);
  return entries->asArray();
}

std::vector<json::Value> FakeImages::requestsTo(const std::string& route) const {
  std::vector<json::Value> out;
  for (const json::Value& entry : ledger())
    if (entry["route"].asString() == route) out.push_back(entry);
  return out;
}

void FakeImages::fault(const std::string& route, int status, int count) const {
  json::Value body = json::Value::object();
  body.set("route", route);
  body.set("status", status);
  body.set("count", count);
  HttpTestClient(port_).post("/_fault", json::stringify(body));
}

}  // namespace manifold::test
