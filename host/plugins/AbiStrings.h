#pragma once

#include <manifold/plugin.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace manifold::plugins {

// Small conversions at the C ABI boundary, used wherever the host touches it.

inline mf_str toAbi(std::string_view s) {
  return mf_str{s.data(), s.size()};
}

inline std::string fromAbi(mf_str s) {
  return s.ptr ? std::string(s.ptr, static_cast<size_t>(s.len)) : std::string();
}

inline void fillError(mf_error* error, int32_t code, bool retryable, const std::string& message) {
  if (!error) return;
  error->code = code;
  error->retryable = retryable ? 1 : 0;
  std::snprintf(error->message, sizeof(error->message), "%s", message.c_str());
}

inline mf_error blankError() {
  mf_error e{};
  e.struct_size = sizeof(e);
  e.retry_after_ms = -1;
  return e;
}

/// A filled error, for failures the host itself names.
inline mf_error makeError(int32_t code, bool retryable, const std::string& message) {
  mf_error e = blankError();
  fillError(&e, code, retryable, message);
  return e;
}

/// Copies a struct a peer filled into a zeroed one of the host's layout, taking
/// min(struct_size, sizeof(T)) bytes: fields the peer does not know read as zero.
template <class T>
T copyStruct(const T* source) {
  T copy{};
  if (!source) return copy;
  const size_t n = std::min<size_t>(source->struct_size, sizeof(T));
  std::memcpy(&copy, source, n);
  return copy;
}

/// The message of an mf_error, safe even when a plugin forgot the terminator.
inline std::string errorMessage(const mf_error& e) {
  return std::string(e.message, strnlen(e.message, sizeof(e.message)));
}

}  // namespace manifold::plugins
