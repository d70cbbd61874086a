#include "plugins/PluginLoader.h"

#include <Poco/Timestamp.h>
#include <boost/dll/library_info.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "plugins/AbiStrings.h"
#include "plugins/DescriptorCheck.h"
#include "plugins/ElfExports.h"

#ifndef _WIN32
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace manifold::plugins {
namespace fs = std::filesystem;
namespace {

LoadResult refuse(std::string reason) {
  return LoadResult{nullptr, std::move(reason)};
}

bool isWorldWritable(const fs::path& p) {
  std::error_code ec;
  const fs::perms perms = fs::status(p, ec).permissions();
  return !ec && (perms & fs::perms::others_write) != fs::perms::none;
}

bool exportsEntry(const std::string& path, std::string& problem) {
#ifndef _WIN32
  return elfExportsSymbol(path, MANIFOLD_PLUGIN_ENTRY_SYMBOL, problem);
#else
  try {
    boost::dll::library_info info(path);
    const std::vector<std::string> symbols = info.symbols();
    return std::find(symbols.begin(), symbols.end(), MANIFOLD_PLUGIN_ENTRY_SYMBOL) != symbols.end();
  } catch (const std::exception& e) {
    problem = std::string("not a loadable shared library (") + e.what() + ")";
    return false;
  }
#endif
}

std::string lastLoaderError() {
#ifndef _WIN32
  const char* message = ::dlerror();
  if (message) return message;
#endif
  return "the dynamic loader refused it";
}

bool validPluginId(const std::string& id) {
  static const std::regex pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
  return std::regex_match(id, pattern);
}

void runDeinit(const mf_plugin_descriptor& descriptor) {
  if (!descriptor.deinit) return;
  try {
    descriptor.deinit();
  } catch (...) {
  }
}

}  // namespace

PluginLoader::PluginLoader(std::string folder, std::map<std::string, std::string> settingsJson,
                           HostServiceDeps deps, const KindRegistry& kinds)
    : folder_(std::move(folder)),
      settingsJson_(std::move(settingsJson)),
      deps_(deps),
      kinds_(kinds) {
  fs::path base = fs::temp_directory_path() / "manifold-plugins-XXXXXX";
  std::string pattern = base.string();
#ifndef _WIN32
  if (!::mkdtemp(pattern.data()))
    throw std::runtime_error("cannot create a private folder for plugin copies under " +
                             fs::temp_directory_path().string());
#else
  fs::create_directories(pattern);
#endif
  shadowDir_ = pattern;
}

PluginLoader::~PluginLoader() {
  std::error_code ec;
  fs::remove_all(shadowDir_, ec);
}

std::string PluginLoader::makePrivateCopy(const std::string& resolvedPath) {
  const fs::path target = fs::path(shadowDir_) / (std::to_string(++copies_) + "-" +
                                                  fs::path(resolvedPath).filename().string());
  fs::copy_file(resolvedPath, target, fs::copy_options::overwrite_existing);
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_exec);
  return target.string();
}

LoadResult PluginLoader::load(const std::string& path, const std::string& fingerprint,
                              const IdOwnerLookup& idOwner) {
  try {
    return loadChecked(path, fingerprint, idOwner);
  } catch (const std::exception& e) {
    return refuse(std::string("unexpected failure while loading: ") + e.what());
  } catch (...) {
    return refuse("unexpected failure while loading");
  }
}

LoadResult PluginLoader::loadChecked(const std::string& path, const std::string& fingerprint,
                                     const IdOwnerLookup& idOwner) {
  std::error_code ec;
  const fs::path folder = fs::canonical(folder_, ec);
  if (ec) return refuse("plugin folder \"" + folder_ + "\" is not accessible: " + ec.message());
  const fs::path resolved = fs::canonical(path, ec);
  if (ec) return refuse("cannot resolve the file: " + ec.message());
  if (resolved.parent_path() != folder)
    return refuse("the file resolves to \"" + resolved.string() + "\", outside the plugin folder");
  if (!fs::is_regular_file(resolved, ec)) return refuse("not a regular file");
  if (isWorldWritable(folder)) return refuse("the plugin folder is world-writable");
  if (isWorldWritable(resolved)) return refuse("the file is world-writable");

  const std::string copy = makePrivateCopy(resolved.string());
  struct RemoveCopy {
    std::string path;
    ~RemoveCopy() {
      std::error_code ignored;
      fs::remove(path, ignored);
    }
  } removeCopy{copy};

  std::string problem;
  if (!exportsEntry(copy, problem))
    return refuse(problem.empty() ? "missing entry symbol " MANIFOLD_PLUGIN_ENTRY_SYMBOL : problem);

  boost::dll::shared_library library(
      copy, ec, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (ec || !library.is_loaded()) return refuse("cannot load: " + lastLoaderError());

  const auto entry = library.get<const mf_plugin_descriptor*()>(MANIFOLD_PLUGIN_ENTRY_SYMBOL);
  const mf_plugin_descriptor* raw = nullptr;
  try {
    raw = entry();
  } catch (...) {
    return refuse("the entry function threw");
  }
  if (!raw) return refuse("the entry function returned null");

  const std::string versionProblem = checkDescriptorVersion(*raw);
  if (!versionProblem.empty()) return refuse(versionProblem);
  const mf_plugin_descriptor descriptor = copyStruct(raw);

  const std::string id = fromAbi(descriptor.id);
  if (!validPluginId(id))
    return refuse("plugin id \"" + id + "\" is empty or has invalid characters");
  const std::string owner = idOwner ? idOwner(id) : "";
  if (!owner.empty() && owner != path)
    return refuse("duplicate plugin id \"" + id + "\", already loaded from \"" + owner + "\"");
  if (!descriptor.init || !descriptor.get_factory)
    return refuse("descriptor lacks init or get_factory");

  std::vector<PluginLibrary::Kind> kinds;
  std::vector<std::string> ignoredKinds;
  const std::string kindProblem = readKinds(descriptor, kinds, ignoredKinds);
  if (!kindProblem.empty()) return refuse(kindProblem);

  auto settings = settingsJson_.find(id);
  auto host = std::make_unique<PluginHostContext>(
      id, settings == settingsJson_.end() ? "{}" : settings->second, deps_);
  mf_error error = blankError();
  int32_t rc = MF_FAILED;
  try {
    rc = descriptor.init(host->table(), &error);
  } catch (const std::exception& e) {
    return refuse(std::string("init threw: ") + e.what());
  } catch (...) {
    return refuse("init threw an exception");
  }
  if (rc != MF_OK) return refuse("init failed: " + errorMessage(error));

  // Kinds that ask the plugin something at load (intents compile their
  // declarations) do it now; a plugin that fails one is refused rather than
  // half-loaded.
  for (PluginLibrary::Kind& kind : kinds) {
    const std::string problem = kinds_.find(kind.id)->complete(id, *kind.table);
    if (!problem.empty()) {
      runDeinit(descriptor);
      return refuse(problem);
    }
  }

  PluginLibrary::Origin origin{path, fingerprint, Poco::Timestamp().epochMicroseconds() / 1000};
  return LoadResult{
      std::make_shared<PluginLibrary>(std::move(host), std::move(library), descriptor,
                                      std::move(kinds), std::move(ignoredKinds), std::move(origin)),
      ""};
}

std::string PluginLoader::readKinds(const mf_plugin_descriptor& descriptor,
                                    std::vector<PluginLibrary::Kind>& kinds,
                                    std::vector<std::string>& ignored) const {
  if (descriptor.kind_count > kMaxKinds)
    return "descriptor declares " + std::to_string(descriptor.kind_count) + " kinds; at most " +
           std::to_string(kMaxKinds) + " are read";
  if (descriptor.kind_count > 0 && !descriptor.kinds)
    return "descriptor declares " + std::to_string(descriptor.kind_count) +
           " kinds but its kinds array is null";
  for (uint64_t i = 0; i < descriptor.kind_count; ++i) {
    const std::string kindId = fromAbi(descriptor.kinds[i]);
    const bool seen = std::any_of(kinds.begin(), kinds.end(),
                                  [&](const PluginLibrary::Kind& k) { return k.id == kindId; });
    if (seen || std::find(ignored.begin(), ignored.end(), kindId) != ignored.end()) continue;
    const KindHandler* handler = kinds_.find(kindId);
    if (!handler) {
      // A kind from a newer SDK: the plugin may still offer kinds this host
      // knows, so it loads without this one (the manager logs it).
      ignored.push_back(kindId);
      continue;
    }
    const void* raw = descriptor.get_factory(toAbi(kindId));
    if (!raw) return "declares " + kindId + " but get_factory returns null for it";
    std::string refusal;
    std::unique_ptr<KindTable> table = handler->check(raw, refusal);
    if (!table) return refusal;
    kinds.push_back(PluginLibrary::Kind{kindId, std::move(table)});
  }
  return "";
}

}  // namespace manifold::plugins
