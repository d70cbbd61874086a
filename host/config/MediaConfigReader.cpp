#include "config/MediaConfigReader.h"

#include "config/JsonFields.h"

namespace manifold::config {
namespace {

std::vector<std::string> chain(const Poco::JSON::Object::Ptr& o, const std::string& key,
                               const std::set<std::string>& engineIds,
                               std::vector<ConfigProblem>& problems) {
  std::vector<std::string> ids = strings(o, key);
  for (size_t i = 0; i < ids.size(); ++i)
    if (!engineIds.count(ids[i]))
      problems.push_back(
          {"$.media." + key + "[" + std::to_string(i) + "]", "unknown engine \"" + ids[i] + "\""});
  return ids;
}

}  // namespace

MediaConfig readMedia(const Poco::JSON::Object::Ptr& o, const std::set<std::string>& engineIds,
                      std::vector<ConfigProblem>& problems) {
  MediaConfig m;
  m.imageChain = chain(o, "image_chain", engineIds, problems);
  m.speechChain = chain(o, "speech_chain", engineIds, problems);
  m.transcriptionChain = chain(o, "transcription_chain", engineIds, problems);
  m.imageUrlTtlS = get<Poco::Int64>(o, "image_url_ttl_s", m.imageUrlTtlS);
  m.maxUploadBytes = get<Poco::Int64>(o, "max_upload_bytes", m.maxUploadBytes);
  m.maxStoredImageBytes = get<Poco::Int64>(o, "max_stored_image_bytes", m.maxStoredImageBytes);
  m.attemptTimeoutMs = get<int>(o, "attempt_timeout_ms", m.attemptTimeoutMs);
  m.deadlineMs = get<int>(o, "deadline_ms", m.deadlineMs);
  return m;
}

}  // namespace manifold::config
