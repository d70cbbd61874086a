#include "support/AttemptRows.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

namespace manifold::test {

std::vector<std::string> attemptRows(const std::string& storePath, const std::string& columns) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session("SQLite", storePath);
  Poco::Data::Statement select(session);
  select << "SELECT " + columns + " FROM attempts ORDER BY id";
  select.execute();
  Poco::Data::RecordSet rows(select);
  std::vector<std::string> out;
  for (size_t r = 0; r < rows.rowCount(); ++r) {
    std::string row;
    for (size_t c = 0; c < rows.columnCount(); ++c)
      row += (c ? ":" : "") + rows.value(c, r).convert<std::string>();
    out.push_back(row);
  }
  return out;
}

}  // namespace manifold::test
