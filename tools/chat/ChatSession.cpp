#include "ChatSession.h"

#include <iostream>

#include "AnswerPrinter.h"

namespace manifold::tools {
namespace {

std::string argumentOf(const std::string& line) {
  const size_t space = line.find(' ');
  if (space == std::string::npos) return "";
  const size_t start = line.find_first_not_of(' ', space);
  return start == std::string::npos ? "" : line.substr(start);
}

}  // namespace

const char* const ChatSession::kCommands =
    "/mode NAME   route every message to this mode (/mode auto: let the router choose)\n"
    "/model ID    ask this engine (/model alone: back to the mode's chain)\n"
    "/new         forget the conversation\n"
    "/quit        leave\n";

ChatSession::ChatSession(GatewayClient gateway, bool colour)
    : gateway_(std::move(gateway)), colour_(colour) {}

bool ChatSession::ask(const std::string& text) {
  AnswerPrinter printer(std::cout, colour_);
  const Exchange exchange = gateway_.chat(
      conversation_.requestBody(text),
      [&](std::string_view name, std::string_view data) { printer.onEvent(name, data); });
  const bool done = printer.finish();
  if (exchange.result == Exchange::Result::Unreachable) {
    std::cerr << "manifold-chat: cannot reach the gateway at " << gateway_.baseUrl() << ": "
              << exchange.error << "\n";
    return false;
  }
  if (exchange.result == Exchange::Result::HttpError) {
    std::cerr << "manifold-chat: error: " << exchange.error << " (HTTP " << exchange.status
              << ")\n";
    return false;
  }
  std::cout << dim(printer.routeLine()) << std::endl;
  if (!printer.error().empty() || !done) {
    std::cerr << "manifold-chat: error: "
              << (printer.error().empty() ? "the answer ended before it was complete"
                                          : printer.error())
              << "\n";
    return false;
  }
  conversation_.answered(text, printer.answerText());
  return true;
}

bool ChatSession::command(const std::string& line) {
  const std::string name = line.substr(0, line.find(' '));
  const std::string argument = argumentOf(line);
  if (name == "/quit" || name == "/exit") return false;
  if (name == "/mode") {
    conversation_.setMode(argument);
    std::cout << dim(conversation_.mode().empty() ? "mode: chosen by the router"
                                                  : "mode: " + conversation_.mode())
              << std::endl;
  } else if (name == "/model") {
    conversation_.setModel(argument);
    std::cout << dim(argument.empty() ? "engine: chosen by the mode's chain"
                                      : "engine: " + argument)
              << std::endl;
  } else if (name == "/new") {
    conversation_.clear();
    std::cout << dim("new conversation") << std::endl;
  } else {
    std::cout << (name == "/help" ? "" : "unknown command " + name + "\n") << kCommands;
  }
  return true;
}

std::string ChatSession::dim(const std::string& text) const {
  return colour_ ? "\x1b[2m" + text + "\x1b[0m" : text;
}

}  // namespace manifold::tools
