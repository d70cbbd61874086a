#include "plugins/PluginLoader.h"

#include <Poco/Timestamp.h>
#include <boost/dll/library_info.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <regex>

#include "plugins/AbiStrings.h"

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
  try {
    boost::dll::library_info info(path);
    const std::vector<std::string> symbols = info.symbols();
    return std::find(symbols.begin(), symbols.end(), MANIFOLD_PLUGIN_ENTRY_SYMBOL) != symbols.end();
  } catch (const std::exception& e) {
    problem = std::string("not a loadable shared library (") + e.what() + ")";
    return false;
  }
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

// A provider table must offer either generate or the full translator set.
std::string checkProviderApi(const mf_provider_api& api) {
  if (!api.create || !api.destroy) return "provider table lacks create/destroy";
  const bool translator = api.build_request && api.stream_open && api.stream_feed &&
                          api.stream_finish && api.stream_close && api.parse_response &&
                          api.classify_error;
  if (!api.generate && !translator)
    return "provider table has neither generate nor the full set of translator functions";
  return "";
}

}  // namespace

PluginLoader::PluginLoader(std::string folder, std::map<std::string, std::string> settingsJson,
                           HostServiceDeps deps)
    : folder_(std::move(folder)), settingsJson_(std::move(settingsJson)), deps_(deps) {
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

  // The version fields sit right after struct_size; read nothing else first.
  constexpr size_t versionEnd = offsetof(mf_plugin_descriptor, abi_minor) + sizeof(uint32_t);
  if (raw->struct_size < versionEnd)
    return refuse("descriptor struct_size " + std::to_string(raw->struct_size) + " is too small");
  if (raw->abi_major != MANIFOLD_ABI_MAJOR)
    return refuse("built for ABI major " + std::to_string(raw->abi_major) + ", host has " +
                  std::to_string(MANIFOLD_ABI_MAJOR));
  if (raw->abi_minor > MANIFOLD_ABI_MINOR)
    return refuse("built for ABI " + std::to_string(raw->abi_major) + "." +
                  std::to_string(raw->abi_minor) + ", newer than the host's " +
                  std::to_string(MANIFOLD_ABI_MAJOR) + "." + std::to_string(MANIFOLD_ABI_MINOR));
  if (raw->struct_size < sizeof(mf_plugin_descriptor))
    return refuse("descriptor struct_size " + std::to_string(raw->struct_size) +
                  " is smaller than ABI 1.0's " + std::to_string(sizeof(mf_plugin_descriptor)));
  const mf_plugin_descriptor descriptor = copyStruct(raw);

  const std::string id = fromAbi(descriptor.id);
  if (!validPluginId(id))
    return refuse("plugin id \"" + id + "\" is empty or has invalid characters");
  const std::string owner = idOwner ? idOwner(id) : "";
  if (!owner.empty() && owner != path)
    return refuse("duplicate plugin id \"" + id + "\", already loaded from \"" + owner + "\"");
  if (!descriptor.init || !descriptor.get_factory)
    return refuse("descriptor lacks init or get_factory");

  std::optional<mf_provider_api> providerApi;
  std::optional<mf_intents_api> intentsApi;
  for (uint64_t i = 0; descriptor.kinds && i < descriptor.kind_count; ++i) {
    if (fromAbi(descriptor.kinds[i]) == MF_KIND_INTENTS) {
      const auto* table =
          static_cast<const mf_intents_api*>(descriptor.get_factory(toAbi(MF_KIND_INTENTS)));
      if (!table) return refuse("declares " MF_KIND_INTENTS " but get_factory returns null for it");
      if (table->struct_size < sizeof(mf_intents_api))
        return refuse("intents table struct_size " + std::to_string(table->struct_size) +
                      " is too small");
      intentsApi = copyStruct(table);
      if (!intentsApi->declare_intents) return refuse("intents table lacks declare_intents");
      continue;
    }
    if (fromAbi(descriptor.kinds[i]) != MF_KIND_PROVIDER) continue;
    const auto* table =
        static_cast<const mf_provider_api*>(descriptor.get_factory(toAbi(MF_KIND_PROVIDER)));
    if (!table) return refuse("declares " MF_KIND_PROVIDER " but get_factory returns null for it");
    if (table->struct_size < sizeof(mf_provider_api))
      return refuse("provider table struct_size " + std::to_string(table->struct_size) +
                    " is too small");
    providerApi = copyStruct(table);
    const std::string tableProblem = checkProviderApi(*providerApi);
    if (!tableProblem.empty()) return refuse(tableProblem);
  }

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

  // Intents are read once, now, and every pattern compiled; a plugin whose
  // declarations do not compile is refused rather than half-loaded.
  std::shared_ptr<const router::PluginIntents> intents;
  if (intentsApi) {
    std::string problem;
    intents = router::PluginIntents::fromPlugin(id, *intentsApi, problem);
    if (!intents) {
      if (descriptor.deinit) {
        try {
          descriptor.deinit();
        } catch (...) {
        }
      }
      return refuse(problem);
    }
  }

  PluginLibrary::Origin origin{path, fingerprint, Poco::Timestamp().epochMicroseconds() / 1000};
  return LoadResult{
      std::make_shared<PluginLibrary>(std::move(host), std::move(library), descriptor, providerApi,
                                      std::move(origin), std::move(intents)),
      ""};
}

}  // namespace manifold::plugins
