// manifold-plugin-inspect FILE...: loads each plugin file exactly as the
// gateway would (same checks, same order) and prints what it declares, or why
// the gateway would refuse it. Exit status 1 when any file is refused.
#include <filesystem>
#include <iostream>

#include "plugins/PluginLoader.h"

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cerr << "usage: manifold-plugin-inspect FILE.so [FILE.so...]\n"
                 "Checks each plugin as the gateway would and prints its descriptor.\n";
    return argc < 2 ? 2 : 0;
  }
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path file = std::filesystem::absolute(argv[i]);
    manifold::plugins::PluginLoader loader(file.parent_path().string(), {}, {});
    const manifold::plugins::LoadResult result = loader.load(file.string(), "inspect", nullptr);
    if (!result.plugin) {
      std::cout << file.string() << ": REFUSED: " << result.refusal << "\n";
      status = 1;
      continue;
    }
    const auto& p = *result.plugin;
    std::cout << file.string() << ": OK\n  id: " << p.id() << "\n  version: " << p.version()
              << "\n  abi: " << p.abiMajor() << "." << p.abiMinor()
              << "\n  description: " << p.description() << "\n  kinds:";
    for (const std::string& kind : p.kinds()) std::cout << " " << kind;
    if (const mf_provider_api* api = p.providerApi())
      std::cout << "\n  provider style: "
                << (api->generate ? "generating (no HTTP upstream)" : "translator");
    std::cout << "\n";
  }
  return status;
}
