// manifold-plugin new provider|toolset|dispatcher NAME: writes a plugin
// folder from a template that builds out of tree against the installed SDK.
//
//   manifold-plugin new KIND NAME [--dir PARENT] [--id PLUGIN_ID]
#include <iostream>

#include "CommandLine.h"
#include "PluginScaffold.h"

namespace {

constexpr const char* kUsage =
    "usage: manifold-plugin new provider|toolset|dispatcher NAME [--dir PARENT] [--id PLUGIN_ID]\n"
    "Writes PARENT/NAME (default ./NAME): CMakeLists.txt, NAME.cpp and README.md, a plugin\n"
    "that builds against the installed Manifold SDK:\n"
    "  cmake -S NAME -B NAME/build -DCMAKE_PREFIX_PATH=SDK_PREFIX && cmake --build NAME/build\n";

int usageError(const std::string& message) {
  std::cerr << "manifold-plugin: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (command != "new")
    return usageError(command.empty() ? "no command given" : "unknown command \"" + command + "\"");
  const manifold::tools::CommandLine args(argc, argv, 2, {"dir", "id"});
  if (!args.error().empty()) return usageError(args.error());
  if (args.positional().size() != 2) return usageError("new takes a KIND and a NAME");

  manifold::tools::PluginScaffold scaffold(args.positional()[0], args.positional()[1],
                                           args.value("id"));
  const auto folder = scaffold.write(args.value("dir").value_or("."));
  if (!folder) {
    std::cerr << "manifold-plugin: " << scaffold.error() << "\n";
    return 1;
  }
  std::cout << "wrote " << folder->string() << "\nbuild it with:\n  cmake -S " << folder->string()
            << " -B " << (*folder / "build").string()
            << " -DCMAKE_PREFIX_PATH=<SDK prefix> && cmake --build " << (*folder / "build").string()
            << "\n";
  return 0;
}
