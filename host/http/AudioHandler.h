#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"
#include "http/MediaAdmission.h"

namespace manifold::http {

/// OpenAI's audio API on the media chains, for any gateway key (as
/// /v1/chat/completions):
/// - POST /v1/audio/speech: JSON in, audio out (mp3, wav or opus), on
///   media.speech_chain; audio an engine gives in another format is
///   converted by the host (media::AudioConverter);
/// - POST /v1/audio/transcriptions: a multipart upload under
///   media.max_upload_bytes, checked to be audio before any engine sees it,
///   on media.transcription_chain; json, text or verbose_json out.
class AudioHandler : public Poco::Net::HTTPRequestHandler {
 public:
  enum class Action { Speech, Transcription };
  AudioHandler(GatewayContext& context, Action action) : context_(context), action_(action) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void speech(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
              const turn::SnapshotPtr& snapshot, const AdmittedMedia& caller);
  void transcription(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                     const turn::SnapshotPtr& snapshot, const AdmittedMedia& caller);

  GatewayContext& context_;
  const Action action_;
};

}  // namespace manifold::http
