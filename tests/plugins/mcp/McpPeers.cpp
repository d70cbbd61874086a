#include "McpPeers.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/PipeStream.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "support/CommandOnPath.h"
#include "support/HttpTestClient.h"

namespace manifold::test {
namespace {

std::string peersDir() {
  return std::string(MANIFOLD_SOURCE_DIR) + "/tests/fakes/mcp";
}

}  // namespace

std::string McpPeer::missing() {
  if (!commandOnPath("node")) return "node is not installed (packaging/install-deps.sh --test)";
  for (const char* package : {"sdk", "server-everything"})
    if (!std::filesystem::exists(peersDir() + "/node_modules/@modelcontextprotocol/" + package))
      return std::string("@modelcontextprotocol/") + package +
             " is not installed (tests/fakes/mcp/install.sh)";
  return "";
}

uint16_t unusedPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const uint16_t port = socket.address().port();
  socket.close();
  return port;
}

std::unique_ptr<McpPeer> McpPeer::everything() {
  const uint16_t port = unusedPort();
  return std::unique_ptr<McpPeer>(new McpPeer(
      {peersDir() + "/node_modules/@modelcontextprotocol/server-everything/dist/index.js",
       "streamableHttp"},
      {{"PORT", std::to_string(port)}}, "listening on port", port));
}

std::unique_ptr<McpPeer> McpPeer::misbehaving() {
  return std::unique_ptr<McpPeer>(new McpPeer({peersDir() + "/server.mjs"}, {}, "listening ", 0));
}

McpPeer::McpPeer(const std::vector<std::string>& args, const Poco::Process::Env& env,
                 const std::string& readyMarker, uint16_t knownPort)
    : port_(knownPort) {
  process_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch("node", args, peersDir(), nullptr, &output_, &output_, env));
  Poco::PipeInputStream in(output_);
  std::string line;
  bool ready = false;
  while (!ready && std::getline(in, line)) {
    const size_t at = line.find(readyMarker);
    if (at == std::string::npos) continue;
    ready = true;
    if (port_ == 0) port_ = static_cast<uint16_t>(std::stoi(line.substr(at + readyMarker.size())));
  }
  if (!ready) throw std::runtime_error("MCP peer " + args.front() + " did not start");
  // Keep reading what the peer logs, so that a full pipe never stalls it.
  drain_ = std::thread([this] {
    Poco::PipeInputStream rest(output_);
    std::string ignored;
    while (std::getline(rest, ignored)) {
    }
  });
}

McpPeer::~McpPeer() {
  Poco::Process::kill(*process_);
  process_->wait();
  if (drain_.joinable()) drain_.join();  // the pipe ends with the peer
  output_.close();
}

std::string McpPeer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

json::Value McpPeer::ledger() const {
  const std::optional<json::Value> parsed = json::parse(HttpTestClient(port_).get("/_ledger").body);
  if (!parsed) throw std::runtime_error("the MCP peer's ledger is not JSON");
  return *parsed;
}

void McpPeer::expireSessions(int status) const {
  HttpTestClient(port_).post("/_expire", R"({"answer":)" + std::to_string(status) + "}");
}

void expectFailure(const tools::ToolResult& result, int32_t code, const std::string& server,
                   const std::string& what) {
  EXPECT_FALSE(result.ok) << result.json;
  EXPECT_EQ(result.errorCode, code) << result.message;
  EXPECT_NE(result.message.find("mcp server '" + server + "'"), std::string::npos)
      << result.message;
  EXPECT_NE(result.message.find(what), std::string::npos) << result.message;
}

std::string bridgeConfig(const std::string& id, const std::string& url,
                         const std::string& extraFields) {
  return R"({"id":")" + id + R"(","url":")" + url + R"(","protocol":"auto","timeout_ms":30000)" +
         (extraFields.empty() ? "" : "," + extraFields) + "}";
}

}  // namespace manifold::test
