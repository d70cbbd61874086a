#pragma once

#include <manifold/json.hpp>

#include <string>

namespace containers {

/// A web search that finds what is published about a container's status.
/// The containers plugin holds one when a backend is configured.
class StatusSearch {
 public:
  virtual ~StatusSearch() = default;

  /// The backend's name for results ("Tavily web search").
  virtual std::string name() const = 0;
  /// The top results for `query`: an array of {"title","url","snippet"}.
  /// Throws manifold::Error with the contract's codes.
  virtual manifold::json::Value search(const std::string& query) = 0;
};

}  // namespace containers
