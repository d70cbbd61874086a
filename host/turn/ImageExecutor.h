#pragma once

#include "media/MediaService.h"
#include "turn/Executor.h"

namespace manifold::turn {

/// Executes a turn routed to the image mode: the last user message is the
/// prompt of one picture from the media chain (media.image_chain, else the
/// mode's own chain), kept for a URL (media.image_url_ttl_s). The native
/// stream gets an `image` event {"url", "mime", "revised_prompt"?}; the other
/// APIs get the answer text `![image](url)`. The URL is absolute under
/// server.public_url, else relative to the gateway.
class ImageExecutor : public Executor {
 public:
  explicit ImageExecutor(media::MediaService& media) : media_(media) {}
  failover::ChainOutcome execute(const ExecutionContext& context,
                                 failover::AnswerSink& sink) override;

 private:
  media::MediaService& media_;
};

}  // namespace manifold::turn
