#include "StreamResult.h"

namespace manifold::bench {

const char* failureName(StreamFailure failure) {
  switch (failure) {
    case StreamFailure::None:
      return "none";
    case StreamFailure::Refused:
      return "refused";
    case StreamFailure::ConnectFailed:
      return "connectFailed";
    case StreamFailure::Reset:
      return "reset";
    case StreamFailure::Non200:
      return "non200";
    case StreamFailure::NoDone:
      return "noDone";
    case StreamFailure::TimedOut:
      return "timedOut";
    case StreamFailure::Malformed:
      return "malformed";
  }
  return "unknown";
}

}  // namespace manifold::bench
