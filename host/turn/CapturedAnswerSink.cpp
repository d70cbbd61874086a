#include "turn/CapturedAnswerSink.h"

namespace manifold::turn {

void CapturedAnswerSink::end(const chat::AnswerAccumulator& answer) {
  text_ = answer.text();
  inner_.end(answer);
}

}  // namespace manifold::turn
