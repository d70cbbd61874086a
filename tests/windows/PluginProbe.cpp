// The Windows plugin probe: a small Windows host, cross-built with mingw-w64,
// that loads one plugin .dll with Boost.DLL, negotiates the ABI with the
// gateway's own checks (host/plugins/DescriptorCheck, ProviderKind), and
// drives one streamed answer through the plugin's provider table: a
// generating provider answers a user message; a translator's stream parser is
// fed a recorded upstream stream one byte at a time, as bytes split anywhere
// arrive. It prints what it saw, one line each, for
// tests/windows/cross_build_and_run.sh to compare:
//   exports: <every exported symbol>
//   refused: <reason>                       then exit 2
//   accepted: <id> <version> ABI <major>.<minor>
//   log:<level>:<line>                      what the plugin logs
//   <one line per canonical event>          see PrintingEventSink
//   generate: ok | generate failed: <code> <message>       (generating)
//   stream: ok | stream failed: <code> <message>           (translator)
//
// Usage: plugin_probe <plugin.dll> <user message>
//        plugin_probe <plugin.dll> --sse <recorded upstream stream>
#include <manifold/plugin.h>
#include <manifold/json.hpp>

#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "PrintingEventSink.h"
#include "ProbeHost.h"
#include "plugins/AbiStrings.h"
#include "plugins/AbiTable.h"
#include "plugins/DescriptorCheck.h"
#include "plugins/ProviderKind.h"

namespace {

using namespace manifold::plugins;
using manifold::windows_probe::PrintingEventSink;
using manifold::windows_probe::ProbeHost;

constexpr int kRefused = 2;

int refuse(const std::string& reason) {
  std::cout << "refused: " << reason << std::endl;
  return kRefused;
}

// Read from the file without running any of its code, as the Linux loader does.
std::vector<std::string> exportedSymbols(const std::string& path) {
  boost::dll::library_info info(path);
  return info.symbols();
}

struct Drive {
  std::string userText;  // for a generating provider
  std::string sseFile;   // for a translator: the recorded upstream stream
};

std::string canonicalRequest(const std::string& userText) {
  return R"({"model":"probe-1","stream":true,"messages":[{"role":"user","content":[)"
         R"({"type":"text","text":)" +
         manifold::json::quoted(userText) + "}]}]}";
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void report(const char* what, int32_t rc, const mf_error& error) {
  if (rc == MF_OK)
    std::cout << what << ": ok\n";
  else
    std::cout << what << " failed: " << error.code << " " << errorMessage(error) << "\n";
}

int32_t generate(const mf_provider_api& api, void* instance, const mf_engine& engine,
                 const std::string& userText, PrintingEventSink& sink, mf_error& error) {
  const std::string request = canonicalRequest(userText);
  const int32_t rc = api.generate(instance, &engine, toAbi(request), sink.table(), &error);
  report("generate", rc, error);
  return rc;
}

int32_t stream(const mf_provider_api& api, void* instance, const mf_engine& engine,
               const std::string& bytes, PrintingEventSink& sink, mf_error& error) {
  void* parser = api.stream_open(instance, &engine, sink.table(), &error);
  int32_t rc = parser ? MF_OK : MF_FAILED;
  for (size_t i = 0; rc == MF_OK && i < bytes.size(); ++i)
    rc = api.stream_feed(parser, mf_str{bytes.data() + i, 1}, &error);
  if (rc == MF_OK) rc = api.stream_finish(parser, &error);
  if (parser) api.stream_close(parser);
  report("stream", rc, error);
  return rc;
}

int answer(const mf_plugin_descriptor& descriptor, const Drive& drive) {
  const mf_str* kindsEnd = descriptor.kinds + descriptor.kind_count;
  if (std::none_of(descriptor.kinds, kindsEnd,
                   [](mf_str kind) { return fromAbi(kind) == MF_KIND_PROVIDER; }))
    return refuse("declares no " MF_KIND_PROVIDER " kind");
  const void* raw = descriptor.get_factory(toAbi(MF_KIND_PROVIDER));
  if (!raw) return refuse("get_factory returns null for " MF_KIND_PROVIDER);
  std::string refusal;
  std::unique_ptr<KindTable> table = ProviderKind().check(raw, refusal);
  if (!table) return refuse(refusal);
  const mf_provider_api& api = static_cast<AbiTable<mf_provider_api>&>(*table).api();
  const bool translating = !drive.sseFile.empty();
  if (translating ? !api.stream_open : !api.generate)
    return refuse(translating ? "not a translator" : "not a generating provider");

  ProbeHost host(std::map<std::string, std::string>{{"prefix", R"("windows: ")"}});
  mf_error error = blankError();
  if (descriptor.init(host.table(), &error) != MF_OK)
    return refuse("init failed: " + errorMessage(error));
  void* instance = api.create(host.table(), toAbi("{}"), &error);
  if (!instance) return refuse("create failed: " + errorMessage(error));

  mf_engine engine{};
  engine.struct_size = sizeof(engine);
  engine.engine_id = toAbi("probe");
  engine.model = toAbi("probe-1");
  engine.options_json = toAbi("{}");
  PrintingEventSink sink;
  const int32_t rc = translating
                         ? stream(api, instance, engine, readFile(drive.sseFile), sink, error)
                         : generate(api, instance, engine, drive.userText, sink, error);
  api.destroy(instance);
  if (descriptor.deinit) descriptor.deinit();
  return rc == MF_OK ? 0 : 1;
}

int probe(const std::string& path, const Drive& drive) {
  const std::vector<std::string> symbols = exportedSymbols(path);
  std::cout << "exports:";
  for (const std::string& symbol : symbols) std::cout << " " << symbol;
  std::cout << "\n";
  if (std::find(symbols.begin(), symbols.end(), MANIFOLD_PLUGIN_ENTRY_SYMBOL) == symbols.end())
    return refuse("missing entry symbol " MANIFOLD_PLUGIN_ENTRY_SYMBOL);

  std::error_code ec;
  boost::dll::shared_library library(
      path, ec, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (ec || !library.is_loaded()) return refuse("cannot load: " + ec.message());
  const auto entry = library.get<const mf_plugin_descriptor*()>(MANIFOLD_PLUGIN_ENTRY_SYMBOL);
  const mf_plugin_descriptor* raw = entry();
  if (!raw) return refuse("the entry function returned null");
  const std::string versionProblem = checkDescriptorVersion(*raw);
  if (!versionProblem.empty()) return refuse(versionProblem);
  const mf_plugin_descriptor descriptor = copyStruct(raw);
  if (!descriptor.init || !descriptor.get_factory)
    return refuse("descriptor lacks init or get_factory");
  if (descriptor.kind_count > 0 && !descriptor.kinds)
    return refuse("descriptor declares kinds but its kinds array is null");
  std::cout << "accepted: " << fromAbi(descriptor.id) << " " << fromAbi(descriptor.version)
            << " ABI " << descriptor.abi_major << "." << descriptor.abi_minor << "\n";
  return answer(descriptor, drive);
}

}  // namespace

int main(int argc, char** argv) {
  const bool sse = argc == 4 && std::string(argv[2]) == "--sse";
  if (argc != 3 && !sse) {
    std::cerr << "usage: plugin_probe <plugin.dll> <user message>\n"
                 "       plugin_probe <plugin.dll> --sse <recorded upstream stream>\n";
    return 64;
  }
  try {
    const Drive drive = sse ? Drive{"", argv[3]} : Drive{argv[2], ""};
    return probe(std::filesystem::absolute(argv[1]).string(), drive);
  } catch (const std::exception& e) {
    std::cout << "probe failed: " << e.what() << std::endl;
    return 1;
  }
}
