#include "PrintingEventSink.h"

#include <iostream>

#include "plugins/AbiStrings.h"

namespace manifold::windows_probe {

using plugins::copyStruct;
using plugins::fromAbi;

PrintingEventSink::PrintingEventSink() {
  sink_.struct_size = sizeof(sink_);
  sink_.ctx = this;
  sink_.emit = &PrintingEventSink::emit;
}

std::string PrintingEventSink::describe(const mf_event& e) {
  switch (e.type) {
    case MF_EVENT_TEXT_DELTA:
      return "text:" + fromAbi(e.text);
    case MF_EVENT_REASONING_DELTA:
      return "reasoning:" + fromAbi(e.text);
    case MF_EVENT_TOOL_CALL_DELTA:
      return "tool:" + std::to_string(e.tool_index) + ":" + fromAbi(e.tool_call_id) + ":" +
             fromAbi(e.tool_name) + ":" + fromAbi(e.text);
    case MF_EVENT_USAGE: {
      std::string out = "usage:" + std::to_string(e.prompt_tokens) + ":" +
                        std::to_string(e.completion_tokens) + ":" +
                        std::to_string(e.cached_tokens) + ":" + std::to_string(e.reasoning_tokens);
      if (e.cache_write_tokens >= 0) out += ":" + std::to_string(e.cache_write_tokens);
      return out;
    }
    case MF_EVENT_FINISH:
      return "finish:" + std::to_string(e.finish_reason);
    case MF_EVENT_ERROR:
      return "error:" + std::to_string(e.error_code) + ":" + (e.retryable ? "retryable" : "final") +
             ":" + fromAbi(e.text);
    case MF_EVENT_META:
      return "meta:" + fromAbi(e.text);
    default:
      return "unknown event type " + std::to_string(e.type);
  }
}

int32_t PrintingEventSink::emit(void* ctx, const mf_event* event) {
  auto* self = static_cast<PrintingEventSink*>(ctx);
  ++self->events_;
  // A plugin built against an older minor sends a shorter event; the fields
  // it does not know read as zero, as in the Linux host.
  mf_event copy = copyStruct(event);
  if (event->struct_size < sizeof(mf_event)) copy.cache_write_tokens = -1;
  std::cout << describe(copy) << "\n";
  return 0;
}

}  // namespace manifold::windows_probe
