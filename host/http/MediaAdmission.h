#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/GatewayContext.h"

namespace manifold::http {

/// A media request let in: whose it is, the engines it may use, and what
/// admission took (a slot in flight), given back when this is destroyed.
struct AdmittedMedia {
  std::string keyId;
  std::vector<std::string> chain;
  std::unique_ptr<turn::AdmissionTicket> ticket;
};

/// Admits a media request (/v1/images/*, /v1/audio/*) exactly as a chat turn
/// is admitted, so a key's limits hold whatever it asks for: its credentials,
/// RPM, TPM, requests in flight and budgets, then its allowed modes (`mode`
/// is "image", "speech" or "transcription") and engines (`chain` narrowed to
/// those it may use). The rate-limit headers go on the answer. A refusal is
/// answered in the OpenAI error shape and logged; nullopt then.
std::optional<AdmittedMedia> admitMedia(GatewayContext& context,
                                        Poco::Net::HTTPServerRequest& request,
                                        Poco::Net::HTTPServerResponse& response,
                                        const turn::RuntimeSnapshot& snapshot,
                                        const std::string& mode,
                                        const std::vector<std::string>& chain);

}  // namespace manifold::http
