#pragma once

#include <manifold/plugin.h>

#include <string>

namespace manifold::windows_probe {

/// An mf_event_sink that prints each canonical event as one line, in the
/// shape the Linux provider tests compare (tests/support/ProviderHarness.h):
/// "text:Hi", "usage:prompt:completion:cached:reasoning[:cache_write]",
/// "finish:N", "error:code:retryable|final:message".
class PrintingEventSink {
 public:
  PrintingEventSink();

  const mf_event_sink* table() const { return &sink_; }
  int events() const { return events_; }

  static std::string describe(const mf_event& event);

 private:
  static int32_t emit(void* ctx, const mf_event* event);

  mf_event_sink sink_{};
  int events_ = 0;
};

}  // namespace manifold::windows_probe
