#include "http/GuardedHttpConnection.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <memory>

#include "http/ConnectionGuard.h"
#include "http/GatewayResponse.h"
#include "http/HttpReplies.h"
#include "http/RequestFraming.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

constexpr std::chrono::milliseconds kLinger{1000};
constexpr size_t kLingerBytes = 1024 * 1024;

}  // namespace

GuardedHttpConnection::GuardedHttpConnection(const Poco::Net::StreamSocket& socket,
                                             Poco::Net::HTTPServerParams::Ptr params,
                                             Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                                             ConnectionDeadlines& deadlines,
                                             std::chrono::milliseconds headerTimeout,
                                             const RequestHeadLimits& limits,
                                             ClientHangupMonitor* hangups)
    : HTTPServerConnection(socket, params, handlers),
      params_(params),
      handlers_(handlers),
      deadlines_(deadlines),
      headerTimeout_(headerTimeout),
      limits_(limits),
      hangups_(hangups) {}

void GuardedHttpConnection::run() {
  try {
    peer_ = socket().peerAddress().toString();
  } catch (const Poco::Exception&) {
    peer_ = "a client that already left";
  }
  const auto keepAlive =
      std::chrono::milliseconds(params_->getKeepAliveTimeout().totalMilliseconds());
  ConnectionGuard guard(deadlines_, socket().impl()->sockfd(), peer_, headerTimeout_, keepAlive);
  if (!hangups_) return serve();
  upstream::CancellationToken hangup;
  const ClientHangupMonitor::Watch watch(*hangups_, socket().impl()->sockfd(), hangup);
  guard.setHangupToken(&hangup);
  serve();
}

// Poco's HTTPServerConnection::run (1.11), with serveOne's head checks. Its
// stop flag is not needed: the gateway shuts every connection down at stop.
void GuardedHttpConnection::serve() {
  const std::string server = params_->getSoftwareVersion();
  Poco::Net::HTTPServerSession session(socket(), params_);
  while (session.hasMoreRequests()) {
    try {
      if (!serveOne(session, server)) break;
    } catch (const Poco::Net::MessageException&) {
      break;  // a handler read a malformed body; it has been answered (500)
    } catch (const Poco::Exception&) {
      if (session.networkException()) session.networkException()->rethrow();
      throw;
    }
  }
}

bool GuardedHttpConnection::serveOne(Poco::Net::HTTPServerSession& session,
                                     const std::string& server) {
  bool refused = false;
  {
    GatewayResponse response(session);
    std::unique_ptr<Poco::Net::HTTPServerRequestImpl> request;
    try {
      request =
          std::make_unique<Poco::Net::HTTPServerRequestImpl>(response, session, params_.get());
    } catch (const Poco::Net::NoMessageException&) {
      return false;  // the client closed between requests
    } catch (const Poco::Net::MessageException& e) {
      Poco::Net::HTTPServerResponseImpl answer(session);
      refuse(answer, limits_.refusalFor(e));
      refused = true;
    } catch (const Poco::SyntaxException&) {  // Content-Length that is not a number
      Poco::Net::HTTPServerResponseImpl answer(session);
      refuse(answer, {HTTPResponse::HTTP_BAD_REQUEST,
                      "request body framing is ambiguous: Content-Length is not a number",
                      "ambiguous_framing"});
      refused = true;
    }
    if (request) {
      response.setDate(Poco::Timestamp());
      response.setVersion(request->getVersion());
      response.setKeepAlive(params_->getKeepAlive() && request->getKeepAlive() &&
                            session.canKeepAlive());
      if (!server.empty()) response.set("Server", server);
      std::optional<HeadRefusal> refusal = limits_.check(*request);
      if (!refusal) refusal = checkFraming(*request);
      if (refusal) {
        refuse(response, *refusal);
        refused = true;
      } else {
        try {
          std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
              handlers_->createRequestHandler(*request));
          if (!handler) {
            sendErrorResponse(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
            return false;
          }
          if (request->getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
            response.sendContinue();
          handler->handleRequest(*request, response);
          session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() &&
                               session.canKeepAlive());
        } catch (const Poco::Exception&) {
          if (!response.sent()) {
            try {
              sendErrorResponse(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
            } catch (...) {
            }
          }
          throw;
        }
      }
    }
  }  // the response is flushed here
  if (!refused) return true;
  session.setKeepAlive(false);
  lingerBeforeClose();
  return false;
}

void GuardedHttpConnection::refuse(Poco::Net::HTTPServerResponse& response,
                                   const HeadRefusal& refusal) {
  Poco::Logger::get("http").information("refused a request from %s: %d %s", peer_,
                                        static_cast<int>(refusal.status), refusal.message);
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setKeepAlive(false);
  sendError(response, refusal.status, refusal.message, "", refusal.code);
}

void GuardedHttpConnection::lingerBeforeClose() {
  try {
    socket().shutdownSend();
    const auto until = std::chrono::steady_clock::now() + kLinger;
    char buffer[4096];
    size_t discarded = 0;
    while (discarded < kLingerBytes) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0 ||
          !socket().poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ))
        break;
      const int n = socket().receiveBytes(buffer, sizeof(buffer));
      if (n <= 0) break;
      discarded += static_cast<size_t>(n);
    }
  } catch (const Poco::Exception&) {
    // the client reset or left: nothing more to protect
  }
}

}  // namespace manifold::http
