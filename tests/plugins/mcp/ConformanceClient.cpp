// The client command that @modelcontextprotocol/conformance runs for each of
// its client scenarios (tests/conformance/mcp/run.sh): it loads the MCP bridge
// (mcp.so) through the host's real loader, as the gateway does, connects to
// the URL the suite gives, lists the server's tools and calls each one with
// arguments made from its schema. So the bridge is what the suite tests.
//
//   mcp-conformance-client [--protocol auto|2026-07-28|2025-11-25] URL
#include <manifold/json.hpp>

#include <Poco/URI.h>

#include <iostream>
#include <string>

#include "support/LoadedToolset.h"

using namespace manifold;

namespace {

// A value of the schema's type: the scenarios check that the call arrives.
json::Value sample(const json::Value& schema) {
  const std::string& type = schema["type"].asString();
  if (schema["default"].type() != json::Type::Null) return schema["default"];
  if (schema["enum"].isArray() && schema["enum"].size() > 0) return schema["enum"][0];
  if (type == "number" || type == "integer") return json::Value(int64_t{1});
  if (type == "boolean") return json::Value(true);
  if (type == "array") return json::Value::array();
  if (type == "object") return json::Value::object();
  return json::Value("test");
}

std::string argumentsFor(const std::string& parametersJson) {
  const std::optional<json::Value> schema = json::parse(parametersJson);
  json::Value arguments = json::Value::object();
  if (!schema) return "{}";
  for (const json::Value& name : (*schema)["required"].asArray())
    if (name.isString())
      arguments.set(name.asString(), sample((*schema)["properties"][name.asString()]));
  return json::stringify(arguments);
}

}  // namespace

int main(int argc, char** argv) {
  std::string protocol = "auto";
  std::string url;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--protocol" && i + 1 < argc)
      protocol = argv[++i];
    else
      url = arg;
  }
  if (url.empty()) {
    std::cerr << "usage: mcp-conformance-client [--protocol P] URL\n";
    return 2;
  }
  // The test host's egress policy lets loopback through by address: the
  // suite's "localhost" is the same server at 127.0.0.1.
  Poco::URI uri(url);
  if (uri.getHost() == "localhost") uri.setHost("127.0.0.1");
  json::Value config = json::Value::object();
  config.set("id", "conformance");
  config.set("url", uri.toString());
  config.set("protocol", protocol);
  config.set("timeout_ms", int64_t{10000});
  test::LoadedToolset bridge("mcp", json::stringify(config), {uri.getPort()});
  if (!bridge.get()) {
    std::cerr << "the MCP bridge did not start: " << bridge.problem() << "\n";
    return 1;
  }
  int failures = 0;
  try {
    for (const tools::ToolDefinition& tool : bridge->tools()) {
      const std::string arguments = argumentsFor(tool.parametersJson);
      const tools::ToolResult result = bridge->call(tool.name, arguments);
      std::cout << tool.name << " " << arguments << " -> "
                << (result.ok ? result.json : result.errorName() + ": " + result.message) << "\n";
      if (!result.ok) ++failures;
    }
  } catch (const std::exception& e) {
    std::cerr << "listing tools failed: " << e.what() << "\n";
    return 1;
  }
  return failures == 0 ? 0 : 1;
}
