// manifold-chat: a terminal chat client for the gateway's native API
// (POST /api/chat). Tokens stream as they arrive, thinking is dimmed, and each
// answer ends with the route it took: mode, engine and failover attempts.
//
//   manifold-chat [--url URL] [--mode NAME] [--model ID] [--color auto|always|never] [MESSAGE...]
// With a MESSAGE it asks once and exits; otherwise it reads lines from
// standard input. The key comes from MANIFOLD_API_KEY, the URL from --url or
// MANIFOLD_URL (default http://127.0.0.1:8080).
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include "ChatSession.h"
#include "CommandLine.h"
#include "GatewayClient.h"
#include "ToolUsage.h"

namespace {

using manifold::tools::ChatSession;
using manifold::tools::CommandLine;
using manifold::tools::Exchange;
using manifold::tools::GatewayClient;

constexpr const char* kUsage =
    "usage: manifold-chat [--url URL] [--mode NAME] [--model ID] [--color auto|always|never]\n"
    "                     [MESSAGE...]\n"
    "Chats with a Manifold gateway over its native API. With MESSAGE it asks once and exits.\n"
    "Environment: MANIFOLD_URL (default http://127.0.0.1:8080), MANIFOLD_API_KEY.\n";

std::string envOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  // A gateway that hangs up mid-request is an error to report, not a signal to die of.
  std::signal(SIGPIPE, SIG_IGN);
  const CommandLine args(argc, argv, 1, {"url", "mode", "model", "color"}, {"help"});
  if (args.has("help")) {
    std::cout << kUsage << "\nIn a chat:\n" << ChatSession::kCommands;
    return 0;
  }
  const manifold::tools::ToolUsage usage("manifold-chat", kUsage);
  if (!args.error().empty()) return usage.error(args.error());
  const std::string colourChoice = args.value("color").value_or("auto");
  if (colourChoice != "auto" && colourChoice != "always" && colourChoice != "never")
    return usage.error("--color must be auto, always or never");
  const bool colour = colourChoice == "always" ||
                      (colourChoice == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));

  GatewayClient gateway(args.value("url").value_or(envOr("MANIFOLD_URL", "http://127.0.0.1:8080")),
                        envOr("MANIFOLD_API_KEY", ""));
  const Exchange health = gateway.health();
  if (health.result != Exchange::Result::Streamed) {
    std::cerr << "manifold-chat: cannot reach the gateway at " << gateway.baseUrl() << ": "
              << (health.result == Exchange::Result::HttpError
                      ? "/healthz answered HTTP " + std::to_string(health.status)
                      : health.error)
              << "\n";
    return 1;
  }

  ChatSession chat(gateway, colour);
  chat.conversation().setMode(args.value("mode").value_or(""));
  chat.conversation().setModel(args.value("model").value_or(""));

  if (!args.positional().empty()) {
    std::string message;
    for (const std::string& word : args.positional())
      message += (message.empty() ? "" : " ") + word;
    return chat.ask(message) ? 0 : 1;
  }

  const bool interactive = isatty(STDIN_FILENO);
  if (interactive)
    std::cout << "Connected to " << gateway.baseUrl() << ". /help lists the commands.\n";
  bool allAnswered = true;
  std::string line;
  while (true) {
    if (interactive) std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line[0] == '/') {
      if (!chat.command(line)) break;
      continue;
    }
    allAnswered = chat.ask(line) && allAnswered;
  }
  return allAnswered ? 0 : 1;
}
