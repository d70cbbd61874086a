#pragma once

#include <manifold/plugin.h>

namespace manifold::windows_probe {

/// An mf_event_sink that copies each event as the gateway does
/// (chat::CanonicalEvent::fromAbi) and prints it as one line in the words the
/// Linux provider tests compare (tests/support/EventLine.h).
class PrintingEventSink {
 public:
  PrintingEventSink();

  const mf_event_sink* table() const { return &sink_; }

 private:
  static int32_t emit(void* ctx, const mf_event* event);

  mf_event_sink sink_{};
};

}  // namespace manifold::windows_probe
