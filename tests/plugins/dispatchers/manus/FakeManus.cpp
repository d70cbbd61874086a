#include "FakeManus.h"

#include <Poco/Path.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/CommandOnPath.h"
#include "support/HttpTestClient.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

void run(const std::string& command, const std::vector<std::string>& args) {
  Poco::ProcessHandle process = Poco::Process::launch(command, args, nullptr, nullptr, nullptr);
  if (process.wait() != 0) throw std::runtime_error(command + " " + args.front() + " failed");
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json::Value parse(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  if (!value) throw std::runtime_error("the fake Manus answered no JSON: " + text);
  return std::move(*value);
}

}  // namespace

std::string FakeManus::missingTool() {
  for (const char* tool : {"node", "openssl"})
    if (!commandOnPath(tool))
      return std::string(tool) + " is not installed (packaging/install-deps.sh --test)";
  return "";
}

std::string FakeManus::makeKey(const std::string& name) {
  const std::string key = (dir_ / (name + ".pem")).string();
  const std::string pub = (dir_ / (name + ".pub")).string();
  run("openssl",
      {"genpkey", "-quiet", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key});
  run("openssl", {"pkey", "-in", key, "-pubout", "-out", pub});
  return readFile(pub);
}

FakeManus::FakeManus(std::string apiKey, int steps) : apiKey_(std::move(apiKey)) {
  publicKeyPem_ = makeKey("key0");
  const std::string script = std::string(MANIFOLD_SOURCE_DIR) + "/tests/fakes/manus/server.mjs";
  process_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(
      "node",
      {script, "--key", apiKey_, "--private-key", (dir_ / "key0.pem").string(), "--public-key",
       (dir_ / "key0.pub").string(), "--steps", std::to_string(steps)},
      nullptr, &output_, nullptr));
  Poco::PipeInputStream in(output_);
  std::string word;
  int port = 0;
  in >> word >> port;
  if (word != "listening" || port <= 0) throw std::runtime_error("the fake Manus did not start");
  port_ = static_cast<uint16_t>(port);
}

FakeManus::~FakeManus() {
  if (!process_) return;
  Poco::Process::kill(*process_);
  process_->wait();
}

json::Value FakeManus::ledger() const {
  return parse(HttpTestClient(port_).get("/_ledger").body);
}

json::Value FakeManus::control(const std::string& path, const json::Value& body) const {
  return parse(HttpTestClient(port_).post(path, json::stringify(body)).body);
}

std::string FakeManus::rotateKey() {
  const std::string name = "key" + std::to_string(++keys_);
  publicKeyPem_ = makeKey(name);
  json::Value body = json::Value::object();
  body.set("private_key", (dir_ / (name + ".pem")).string());
  body.set("public_key", (dir_ / (name + ".pub")).string());
  control("/_rotate", body);
  return publicKeyPem_;
}

std::vector<json::Value> FakeManus::requestsTo(const std::string& method) const {
  std::vector<json::Value> found;
  const json::Value all = ledger();
  for (const json::Value& r : all["requests"].asArray())
    if (r["path"].asString() == "/v2/" + method) found.push_back(r);
  return found;
}

}  // namespace manifold::test
