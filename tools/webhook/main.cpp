// manifold-webhook sign|verify: signs and verifies Standard Webhooks
// deliveries, so an operator can test a sibling service's webhooks by hand.
// The scheme itself is host/webhooks/StandardWebhooks, the gateway's own.
//
//   manifold-webhook sign --secret whsec_... [--id ID] [--timestamp T] < body
//   manifold-webhook verify --secret whsec_... --id ID --timestamp T --signature SIG
//                           [--tolerance SECONDS] [--now T] < body
// The secret may come from MANIFOLD_WEBHOOK_SECRET instead, which keeps it out
// of the process list. Exit status: 0 signed or valid, 1 invalid, 2 bad usage.
#include <Poco/UUIDGenerator.h>

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

#include "CommandLine.h"
#include "ToolUsage.h"
#include "webhooks/StandardWebhooks.h"

namespace {

using manifold::tools::CommandLine;
using manifold::webhooks::StandardWebhooks;

constexpr const char* kUsage =
    "usage: manifold-webhook sign --secret whsec_... [--id ID] [--timestamp UNIX_SECONDS] < BODY\n"
    "       manifold-webhook verify --secret whsec_... --id ID --timestamp UNIX_SECONDS\n"
    "                               --signature 'v1,... [v1,...]' [--tolerance SECONDS]\n"
    "                               [--now UNIX_SECONDS] < BODY\n"
    "The secret may be given in MANIFOLD_WEBHOOK_SECRET instead of --secret.\n"
    "sign prints the webhook-id, webhook-timestamp and webhook-signature headers;\n"
    "verify exits 0 when the delivery is valid, 1 with the reason when it is not.\n";

const manifold::tools::ToolUsage usage("manifold-webhook", kUsage);

std::optional<int64_t> seconds(const std::string& text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::string readBody() {
  std::cin >> std::noskipws;
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

int sign(const CommandLine& args, const StandardWebhooks& hooks) {
  const std::string id = args.value("id").value_or(
      "msg_" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
  int64_t timestamp = std::time(nullptr);
  if (const auto given = args.value("timestamp")) {
    const auto parsed = seconds(*given);
    if (!parsed) return usage.error("--timestamp must be Unix seconds, got \"" + *given + "\"");
    timestamp = *parsed;
  }
  std::cout << "webhook-id: " << id << "\nwebhook-timestamp: " << timestamp
            << "\nwebhook-signature: " << hooks.sign(id, timestamp, readBody()) << "\n";
  return 0;
}

int verify(const CommandLine& args, const StandardWebhooks& hooks) {
  const auto id = args.value("id");
  const auto timestamp = args.value("timestamp");
  const auto signature = args.value("signature");
  if (!id || !timestamp || !signature)
    return usage.error("verify needs --id, --timestamp and --signature");
  int64_t tolerance = StandardWebhooks::kDefaultToleranceSeconds;
  int64_t now = std::time(nullptr);
  for (auto [name, target] : {std::pair{"tolerance", &tolerance}, std::pair{"now", &now}}) {
    if (const auto given = args.value(name)) {
      const auto parsed = seconds(*given);
      if (!parsed) return usage.error(std::string("--") + name + " must be whole seconds");
      *target = *parsed;
    }
  }
  const auto verdict = hooks.verify(*id, *timestamp, *signature, readBody(), now, tolerance);
  if (!verdict.valid) {
    std::cerr << "manifold-webhook: invalid: " << verdict.reason << "\n";
    return 1;
  }
  std::cout << "valid\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (const auto status = usage.checkCommand(argc, argv, {"sign", "verify"})) return *status;
  const std::string command = argv[1];
  const CommandLine args(argc, argv, 2,
                         {"secret", "id", "timestamp", "signature", "tolerance", "now"});
  if (!args.error().empty()) return usage.error(args.error());
  if (!args.positional().empty())
    return usage.error("unexpected argument \"" + args.positional().front() +
                       "\" (the body is read from standard input)");

  std::optional<std::string> secret = args.value("secret");
  if (!secret) {
    if (const char* env = std::getenv("MANIFOLD_WEBHOOK_SECRET")) secret = env;
  }
  if (!secret) return usage.error("no secret: pass --secret or set MANIFOLD_WEBHOOK_SECRET");
  try {
    const StandardWebhooks hooks(*secret);
    return command == "sign" ? sign(args, hooks) : verify(args, hooks);
  } catch (const std::invalid_argument& e) {
    return usage.error(e.what());
  }
}
