#include "app/GatewayApplication.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>

#include "app/ConfigReloader.h"
#include "app/GatewayServer.h"
#include "config/ConfigLoader.h"
#include "logging/JsonLogFormatter.h"
#include "logging/LogContent.h"

namespace manifold::app {
namespace {

std::string defaultConfigPath() {
#ifdef _WIN32
  // A Windows service starts without the arguments given at /registerService
  // (the service control manager passes only `sc start` parameters), so its
  // config sits where Windows keeps machine-wide data.
  return Poco::Environment::get("ProgramData", "C:\\ProgramData") + "\\Manifold\\manifold.json";
#else
  return "/etc/manifold/manifold.json";
#endif
}

constexpr int kExitConfig = 78;  // EX_CONFIG

}  // namespace

GatewayApplication::GatewayApplication() {
#ifdef _WIN32
  // Options read /name=value on Windows, the way ServerApplication's own
  // /registerService and /displayName are written; Poco 1.11 would otherwise
  // expect --name there too.
  setUnixOptions(false);
#endif
}

void GatewayApplication::defineOptions(Poco::Util::OptionSet& options) {
  ServerApplication::defineOptions(options);
  using Poco::Util::Option;
  options.addOption(
      Option("help", "h", "Print this help and exit.").required(false).repeatable(false));
  options.addOption(
      Option("config", "c",
             "Path of the JSON configuration file (default " + defaultConfigPath() + ").")
          .required(false)
          .repeatable(false)
          .argument("FILE"));
  options.addOption(Option("check-config", "",
                           "Validate the configuration, print every problem with "
                           "its JSON path, and exit (non-zero when invalid).")
                        .required(false)
                        .repeatable(false));
  options.addOption(Option("plugin-dir", "", "Override plugins.directory.")
                        .required(false)
                        .repeatable(false)
                        .argument("DIR"));
  options.addOption(Option("port", "p", "Override server.port.")
                        .required(false)
                        .repeatable(false)
                        .argument("PORT"));
}

void GatewayApplication::handleOption(const std::string& name, const std::string& value) {
  ServerApplication::handleOption(name, value);
  if (name == "help") {
    helpRequested_ = true;
    stopOptionsProcessing();
  } else if (name == "config") {
    configPath_ = value;
  } else if (name == "check-config") {
    checkOnly_ = true;
  } else if (name == "plugin-dir") {
    pluginDirOverride_ = value;
  } else if (name == "port") {
    portOverride_ = std::stoi(value);
  }
}

void GatewayApplication::printHelp() {
  Poco::Util::HelpFormatter help(options());
  help.setCommand(commandName());
  help.setUsage("[--config FILE] [--check-config] [--plugin-dir DIR] [--port PORT]");
  help.setHeader(
      "Manifold: an LLM gateway. Serves the OpenAI API on one port and walks failover chains of "
      "provider plugins loaded from one folder.");
  help.setFooter(
      "Secrets come from the environment: an engine's key pool NAME is read from NAME, NAME_2, "
      "NAME_3... MANIFOLD_PORT and MANIFOLD_PLUGIN_DIR override the config too.");
  help.format(std::cout);
}

void GatewayApplication::configureLogging(const config::GatewayConfig& config) {
  logging::LogContent::setIncluded(config.logIncludeContent);
  Poco::AutoPtr<Poco::Formatter> formatter;
  if (config.logFormat == "json")
    formatter = new logging::JsonLogFormatter;
  else
    formatter = new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t");
  Poco::AutoPtr<Poco::FormattingChannel> channel(
      new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel));
  const std::string& level = config.logLevel;
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(level);
  // Loggers made before this point keep their old channel; bring them along.
  std::vector<std::string> names;
  Poco::Logger::names(names);
  for (const std::string& name : names) {
    Poco::Logger::get(name).setChannel(channel);
    Poco::Logger::get(name).setLevel(level);
  }
  if (config.logIncludeContent)
    Poco::Logger::get("gateway").warning(
        "logging.include_content is on: prompts, answers and provider error bodies may appear "
        "in logs");
}

int GatewayApplication::main(const std::vector<std::string>&) {
  if (helpRequested_) {
    printHelp();
    return EXIT_OK;
  }
  if (configPath_.empty()) configPath_ = defaultConfigPath();
  config::ConfigLoadResult loaded = config::ConfigLoader::loadFile(configPath_);
  if (!loaded.problems.empty()) {
    std::cerr << "manifold: configuration \"" << configPath_ << "\" is invalid:\n";
    for (const config::ConfigProblem& p : loaded.problems)
      std::cerr << "  " << p.path << ": " << p.message << "\n";
    return kExitConfig;
  }
  config::GatewayConfig cfg = std::move(*loaded.config);
  const auto overrides = [this](config::GatewayConfig& c) {
    if (Poco::Environment::has("MANIFOLD_PLUGIN_DIR"))
      c.plugins.directory = Poco::Environment::get("MANIFOLD_PLUGIN_DIR");
    if (Poco::Environment::has("MANIFOLD_PORT"))
      c.server.port = std::stoi(Poco::Environment::get("MANIFOLD_PORT"));
    if (pluginDirOverride_) c.plugins.directory = *pluginDirOverride_;
    if (portOverride_) c.server.port = *portOverride_;
  };
  overrides(cfg);
  if (checkOnly_) {
    std::cout << "configuration \"" << configPath_ << "\" is valid: " << cfg.engines.size()
              << " engines, " << cfg.modes.size() << " modes\n";
    return EXIT_OK;
  }

  configureLogging(cfg);
  Poco::Logger& log = Poco::Logger::get("gateway");
  try {
    GatewayServer server(std::move(cfg));
    server.start();
    ConfigReloader reloader(configPath_, server, overrides);
    reloader.start();
    waitForTerminationRequest();
    log.information("shutting down: draining requests in flight");
    reloader.stop();
    server.drain(std::chrono::milliseconds(server.snapshot()->config.server.drainTimeoutMs));
  } catch (const Poco::Exception& e) {
    log.fatal("cannot start: %s", e.displayText());
    std::cerr << "manifold: cannot start: " << e.displayText() << "\n";
    return EXIT_SOFTWARE;
  } catch (const std::exception& e) {
    log.fatal("cannot start: %s", std::string(e.what()));
    std::cerr << "manifold: cannot start: " << e.what() << "\n";
    return EXIT_SOFTWARE;
  }
  return EXIT_OK;
}

}  // namespace manifold::app
