#pragma once

#include <manifold/plugin.h>

#include <functional>
#include <string>

#include "plugins/AbiStrings.h"

namespace manifold::plugins {

/// What one plugin call that writes a string gave back.
struct AbiCallResult {
  int32_t rc = MF_FAILED;
  std::string text;  ///< what it wrote to the sink
  mf_error error{};  ///< filled when rc != MF_OK; never left without a code
};

/// Runs one plugin call that writes to a string sink. A plugin that throws,
/// or fails without naming a code, reads as MF_ERR_INTERNAL.
inline AbiCallResult callWriting(
    const std::function<int32_t(const mf_string_sink*, mf_error*)>& fn) {
  AbiCallResult result;
  result.error = blankError();
  mf_string_sink sink{sizeof(mf_string_sink), &result.text, [](void* ctx, mf_str value) {
                        *static_cast<std::string*>(ctx) = fromAbi(value);
                      }};
  try {
    result.rc = fn(&sink, &result.error);
  } catch (...) {
    result.rc = MF_FAILED;
    fillError(&result.error, MF_ERR_INTERNAL, false, "threw an exception");
  }
  if (result.rc != MF_OK && result.error.code == MF_ERR_NONE)
    fillError(&result.error, MF_ERR_INTERNAL, false, "no reason given");
  return result;
}

/// Creates a plugin instance with `create` (any kind's table function of that
/// signature). Returns null after filling `error` when the plugin refuses or
/// throws.
template <class CreateFn>
void* createInstance(CreateFn create, const mf_host* host, const std::string& configJson,
                     mf_error& error) {
  error = blankError();
  void* handle = nullptr;
  try {
    handle = create(host, toAbi(configJson), &error);
  } catch (...) {
    fillError(&error, MF_ERR_INTERNAL, false, "create threw an exception");
  }
  if (!handle && error.code == MF_ERR_NONE)
    fillError(&error, MF_ERR_INTERNAL, false, "create returned no instance");
  return handle;
}

}  // namespace manifold::plugins
