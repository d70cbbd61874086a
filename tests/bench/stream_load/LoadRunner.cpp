#include "LoadRunner.h"

#include <netdb.h>
#include <poll.h>

#include <algorithm>

#include "ProcessRss.h"

namespace manifold::bench {
namespace {

constexpr auto kRssSampleEvery = std::chrono::milliseconds(200);

}  // namespace

LoadRunner::LoadRunner(LoadOptions options) : options_(std::move(options)) {
  request_ = "POST " + options_.path + " HTTP/1.1\r\nHost: " + options_.host + ":" +
             std::to_string(options_.port) +
             "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
             "Content-Length: " +
             std::to_string(options_.body.size()) + "\r\n\r\n" + options_.body;
}

bool LoadRunner::resolve(std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc =
      ::getaddrinfo(options_.host.c_str(), std::to_string(options_.port).c_str(), &hints, &found);
  if (rc != 0 || !found) {
    error = "cannot resolve " + options_.host + ": " + ::gai_strerror(rc);
    return false;
  }
  std::copy_n(reinterpret_cast<const char*>(found->ai_addr), found->ai_addrlen,
              reinterpret_cast<char*>(&address_));
  addressLength_ = found->ai_addrlen;
  ::freeaddrinfo(found);
  return true;
}

LoadReport LoadRunner::run() {
  LoadReport report;
  RunFacts& facts = report.facts();
  facts.concurrency = options_.concurrency;
  if (options_.rssPid > 0) {
    facts.rssBaselineKb = processRssKb(options_.rssPid);
    facts.rssPeakKb = facts.rssBaselineKb;
  }
  start_ = Clock::now();
  nextRssSample_ = start_ + kRssSampleEvery;
  const int target = std::min(options_.concurrency, options_.requests);
  const double refillPerMs =
      static_cast<double>(options_.rampBatch) / std::max(1, options_.rampIntervalMs);
  double tokens = options_.rampBatch;
  Clock::time_point lastRefill = start_;

  while (finished_ < options_.requests) {
    Clock::time_point now = Clock::now();
    const double elapsedMs = std::chrono::duration<double, std::milli>(now - lastRefill).count();
    tokens = std::min<double>(options_.rampBatch, tokens + elapsedMs * refillPerMs);
    lastRefill = now;
    openConnections(tokens);

    const bool waitingForTokens = tokens < 1 && launched_ < options_.requests &&
                                  static_cast<int>(live_.size()) < options_.concurrency;
    pollOnce(waitingForTokens ? 1 : 20);

    now = Clock::now();
    if (!allOpen_ && opened_ >= target) {
      allOpen_ = true;
      allOpenAt_ = now;
      facts.allOpenMs = msSinceStart(now);
    }
    const auto timeout = std::chrono::milliseconds(options_.timeoutMs);
    for (Slot& slot : live_) {
      if (slot.connection->phase() != StreamConnection::Phase::Finished &&
          now - slot.connection->requestStarted() > timeout)
        slot.connection->timeOut(now);
    }
    sweepFinished(report);
    sampleRss(report, now);
  }
  facts.wallMs = msSinceStart(Clock::now());
  return report;
}

void LoadRunner::openConnections(double& tokens) {
  while (tokens >= 1 && launched_ < options_.requests &&
         static_cast<int>(live_.size()) < options_.concurrency) {
    live_.push_back(
        Slot{std::make_unique<StreamConnection>(address_, addressLength_, request_), false});
    countOpened(live_.back());
    ++launched_;
    tokens -= 1;
  }
}

void LoadRunner::pollOnce(int timeoutMs) {
  std::vector<pollfd> fds;
  fds.reserve(live_.size());
  for (const Slot& slot : live_) {
    const StreamConnection& c = *slot.connection;
    fds.push_back(
        pollfd{c.phase() == StreamConnection::Phase::Finished ? -1 : c.fd(), c.pollEvents(), 0});
  }
  if (::poll(fds.data(), fds.size(), timeoutMs) <= 0) return;
  const Clock::time_point now = Clock::now();
  for (size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents == 0) continue;
    live_[i].connection->onEvents(fds[i].revents, now);
    countOpened(live_[i]);
  }
}

void LoadRunner::countOpened(Slot& slot) {
  if (!slot.counted && slot.connection->requestSent()) {
    slot.counted = true;
    ++opened_;
  }
}

void LoadRunner::sweepFinished(LoadReport& report) {
  std::vector<Slot> still;
  still.reserve(live_.size());
  for (Slot& slot : live_) {
    StreamConnection& c = *slot.connection;
    if (c.phase() != StreamConnection::Phase::Finished) {
      still.push_back(std::move(slot));
      continue;
    }
    report.add(c.result());
    ++finished_;
    const bool reuse = !options_.newConnectionEach && c.reusable() && launched_ < options_.requests;
    if (!reuse) continue;  // the socket closes with the slot
    ++launched_;
    slot.counted = false;
    c.restart(Clock::now());
    countOpened(slot);
    still.push_back(std::move(slot));
  }
  live_ = std::move(still);
}

void LoadRunner::sampleRss(LoadReport& report, Clock::time_point now) {
  if (options_.rssPid <= 0) return;
  RunFacts& facts = report.facts();
  if (now >= nextRssSample_) {
    facts.rssPeakKb = std::max(facts.rssPeakKb, processRssKb(options_.rssPid));
    nextRssSample_ = now + kRssSampleEvery;
  }
  if (allOpen_ && !rssAtTaken_ && now - allOpenAt_ >= std::chrono::milliseconds(options_.rssAtMs)) {
    rssAtTaken_ = true;
    facts.rssAtKb = processRssKb(options_.rssPid);
    facts.rssAtSampledMs = msSinceStart(now);
    facts.rssPeakKb = std::max(facts.rssPeakKb, facts.rssAtKb);
  }
}

int64_t LoadRunner::msSinceStart(Clock::time_point now) const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count();
}

}  // namespace manifold::bench
