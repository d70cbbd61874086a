// manifold-plugin new provider|toolset|dispatcher NAME: writes a plugin
// folder from a template that builds out of tree against the installed SDK.
//
//   manifold-plugin new KIND NAME [--dir PARENT] [--id PLUGIN_ID]
#include <iostream>

#include "CommandLine.h"
#include "PluginScaffold.h"
#include "ToolUsage.h"

namespace {

constexpr const char* kUsage =
    "usage: manifold-plugin new provider|toolset|dispatcher NAME [--dir PARENT] [--id PLUGIN_ID]\n"
    "Writes PARENT/NAME (default ./NAME): CMakeLists.txt, NAME.cpp and README.md, a plugin\n"
    "that builds against the installed Manifold SDK:\n"
    "  cmake -S NAME -B NAME/build -DCMAKE_PREFIX_PATH=SDK_PREFIX && cmake --build NAME/build\n";

}  // namespace

int main(int argc, char** argv) {
  const manifold::tools::ToolUsage usage("manifold-plugin", kUsage);
  if (const auto status = usage.checkCommand(argc, argv, {"new"})) return *status;
  const manifold::tools::CommandLine args(argc, argv, 2, {"dir", "id"});
  if (!args.error().empty()) return usage.error(args.error());
  if (args.positional().size() != 2) return usage.error("new takes a KIND and a NAME");

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
