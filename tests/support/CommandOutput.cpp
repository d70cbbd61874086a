#include "support/CommandOutput.h"

#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <iterator>

namespace manifold::test {

std::string commandOutput(const std::string& command, const std::vector<std::string>& args,
                          const std::string& input) {
  Poco::Pipe in, out;
  Poco::ProcessHandle process = Poco::Process::launch(command, args, &in, &out, nullptr);
  Poco::PipeOutputStream toChild(in);
  toChild << input;
  toChild.close();
  Poco::PipeInputStream fromChild(out);
  std::string output((std::istreambuf_iterator<char>(fromChild)), std::istreambuf_iterator<char>());
  EXPECT_EQ(process.wait(), 0) << command << " " << (args.empty() ? "" : args.front()) << " failed";
  return output;
}

}  // namespace manifold::test
