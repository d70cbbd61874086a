#include "PrintingEventSink.h"

#include <iostream>

#include "chat/CanonicalEvent.h"
#include "support/EventLine.h"

namespace manifold::windows_probe {

PrintingEventSink::PrintingEventSink() {
  sink_.struct_size = sizeof(sink_);
  sink_.ctx = this;
  sink_.emit = &PrintingEventSink::emit;
}

int32_t PrintingEventSink::emit(void*, const mf_event* event) {
  std::cout << test::describe(chat::CanonicalEvent::fromAbi(*event)) << "\n";
  return 0;
}

}  // namespace manifold::windows_probe
