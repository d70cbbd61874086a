// POST /v1/export/pdf and /v1/export/xlsx on a real gateway with gateway
// keys: the documents are read back with pdftotext and from the XLSX's own
// XML, conversations come from a source keyed by owner, and bad input is
// refused while the gateway keeps serving.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <sstream>

#include "conversations/ConversationStore.h"
#include "host/export/DocumentReaders.h"
#include "support/CapturedLog.h"
#include "support/CommandOnPath.h"
#include "support/CommandOutput.h"
#include "support/MasterKeyEnv.h"
#include "support/OpenAiAssertions.h"
#include "support/RawHttp.h"
#include "support/TestGateway.h"

namespace manifold::test {
namespace {

const std::string kMaster = "mk-export-master-0123456789";

/// A conversation with every kind of block, reasoning in both forms, and
/// characters inside and outside the PDF fonts' WinAnsiEncoding.
const std::string kMessages = R"([
  {"role":"system","content":"You are terse."},
  {"role":"user","content":"Plan a *café* trip, € budget"},
  {"role":"assistant","reasoning":"SECRET-REASONING-MEMBER",
   "content":"<think>SECRET-THINK-BLOCK</think># Trip plan\n\nWe go **by train** to `Lyon`.\n\n- pack light\n- bring 日本 snacks\n\n1. book\n2. travel\n\n```\nfor day in days:\n    visit(day)\n```\n\n| Item | Price |\n|------|------:|\n| tea | 2.50 |\n| bread | 3 |"}
])";

std::string body(const std::string& messages, const std::string& extra = "") {
  return R"({"messages":)" + messages + (extra.empty() ? "" : "," + extra) + "}";
}

class ExportApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    secretA_ = createKey("team-a", &keyA_);
    secretB_ = createKey("team-b", nullptr);
  }

  std::string createKey(const std::string& name, std::string* id) {
    const HttpResult r =
        gateway_.client().post("/admin/keys", R"({"name":")" + name + "\"}", bearer(kMaster));
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return "";
    if (id) *id = parseObject(r.body)->getValue<std::string>("id");
    return parseObject(r.body)->getValue<std::string>("secret");
  }
  static std::map<std::string, std::string> bearer(const std::string& secret) {
    return {{"Authorization", "Bearer " + secret}};
  }
  /// Keeps `messages` (a JSON array) as one complete turn of a conversation
  /// in the gateway's own store, as a chat turn would.
  void storeConversation(const std::string& keyId, const std::string& id,
                         const std::string& messages) {
    conversations::NewTurn turn;
    turn.conversationId = id;
    turn.keyId = keyId;
    turn.create = true;
    turn.complete = true;
    turn.mode = "smart";
    turn.engine = "fake";
    const Poco::JSON::Array::Ptr list =
        Poco::JSON::Parser().parse(messages).extract<Poco::JSON::Array::Ptr>();
    for (const Poco::Dynamic::Var& message : *list) {
      // The store keeps the canonical shape: text as a list of parts.
      Poco::JSON::Object::Ptr object = message.extract<Poco::JSON::Object::Ptr>();
      turn.roles.push_back(object->getValue<std::string>("role"));
      Poco::JSON::Object::Ptr part = new Poco::JSON::Object;
      part->set("type", "text");
      part->set("text", object->getValue<std::string>("content"));
      Poco::JSON::Array::Ptr parts = new Poco::JSON::Array;
      parts->add(part);
      object->set("content", parts);
      std::ostringstream text;
      object->stringify(text);
      turn.messagesJson.push_back(text.str());
    }
    ASSERT_TRUE(gateway_.server().conversations()->appendTurn(turn));
  }
  HttpResult exportAs(const std::string& format, const std::string& requestBody,
                      const std::string& secret) const {
    return gateway_.client().post("/v1/export/" + format, requestBody, bearer(secret));
  }
  /// The bytes of a document written to a file, for the command-line readers.
  std::string saved(const std::string& bytes, const std::string& name) const {
    return writeFile((files_ / name).string(), bytes);
  }
  std::vector<std::string> pdfLines(const HttpResult& r) const {
    return pdfTextLines(saved(r.body, "out.pdf"));
  }

  MasterKeyEnv env_{kMaster};
  TestGateway gateway_;
  TempDir files_;
  std::string keyA_, secretA_, secretB_;
};

TEST_F(ExportApiTest, PdfReadsBackAsTheConversationWithoutReasoning) {
  if (!commandOnPath("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  const HttpResult r = exportAs("pdf", body(kMessages, R"("title":"Lyon: trip!")"), secretA_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"Lyon-trip.pdf\"");
  ASSERT_EQ(r.body.rfind("%PDF-", 0), 0u);
  const std::vector<std::string> expected = {
      "Lyon: trip!",
      "System",
      "You are terse.",
      "User",
      "Plan a café trip, € budget",
      "Assistant",
      "Trip plan",
      "We go by train to Lyon.",
      "• pack light",
      "• bring ?? snacks",  // outside WinAnsiEncoding: one "?" a character
      "1. book",
      "2. travel",
      "for day in days:",
      "visit(day)",
      "Item Price",
      "tea 2.50",
      "bread 3"};
  EXPECT_EQ(pdfLines(r), expected);
  EXPECT_EQ(r.body.find("SECRET"), std::string::npos);
}

TEST_F(ExportApiTest, LongTextWrapsAndFlowsOntoMorePages) {
  if (!commandOnPath("pdftotext") || !commandOnPath("pdfinfo"))
    GTEST_SKIP() << "pdftotext and pdfinfo (poppler-utils) are not installed";
  const auto words = [](int count) {
    std::string paragraph;
    for (int i = 0; i < count; ++i) paragraph += "word" + std::to_string(i) + " ";
    return paragraph;
  };
  // The first paragraph is over the 65535 bytes libharu measures at once.
  const std::vector<std::string> paragraphs = {words(9000), words(400), words(400)};
  std::string text, wanted;
  for (const std::string& paragraph : paragraphs) {
    text += (text.empty() ? "" : "\\n\\n") + paragraph;
    wanted += paragraph;
  }
  const HttpResult r =
      exportAs("pdf", body(R"([{"role":"user","content":")" + text + "\"}]"), secretA_);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string info = commandOutput("pdfinfo", {saved(r.body, "long.pdf")});
  const size_t pages = info.find("Pages:");
  ASSERT_NE(pages, std::string::npos) << info;
  EXPECT_GT(std::stoi(info.substr(pages + 6)), 10) << info;

  // Every line fits the page, so the words come back in order, none cut.
  std::vector<std::string> lines = pdfLines(r);
  ASSERT_GT(lines.size(), 24u);
  EXPECT_EQ(lines[0], "Conversation") << "the default title";
  EXPECT_EQ(lines[1], "User");
  std::string all;
  for (size_t i = 2; i < lines.size(); ++i) all += lines[i] + " ";
  EXPECT_EQ(all, wanted);
}

TEST_F(ExportApiTest, XlsxHasTheConversationSheetAndOneSheetPerTable) {
  if (!commandOnPath("unzip")) GTEST_SKIP() << "unzip is not installed";
  const std::string second = R"({"role":"user","content":"| A | B |\n|---|---|\n| x | 007 |"})";
  const std::string messages = kMessages.substr(0, kMessages.rfind(']')) + "," + second + "]";
  const HttpResult r = exportAs("xlsx", body(messages, R"("title":"Lyon")"), secretA_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string path = saved(r.body, "out.xlsx");
  const std::map<std::string, SheetCells> sheets = readXlsxSheets(path);
  ASSERT_EQ(sheets.size(), 3u);
  const std::string answer =
      "# Trip plan\n\nWe go **by train** to `Lyon`.\n\n- pack light\n- bring 日本 snacks\n\n1. "
      "book\n2. travel\n\n```\nfor day in days:\n    visit(day)\n```\n\n| Item | Price "
      "|\n|------|------:|\n| tea | 2.50 |\n| bread | 3 |";
  EXPECT_EQ(sheets.at("Conversation"), (SheetCells{{"Role", "Content"},
                                                   {"system", "You are terse."},
                                                   {"user", "Plan a *café* trip, € budget"},
                                                   {"assistant", answer},
                                                   {"user", "| A | B |\n|---|---|\n| x | 007 |"}}));
  EXPECT_EQ(sheets.at("Table 1"), (SheetCells{{"Item", "Price"}, {"tea", "2.5"}, {"bread", "3"}}))
      << "plain numbers are numbers";
  EXPECT_EQ(sheets.at("Table 2"), (SheetCells{{"A", "B"}, {"x", "007"}}))
      << "a leading zero keeps the cell text";
  EXPECT_EQ(xlsxTitle(path), "Lyon");
  EXPECT_EQ(r.body.find("SECRET"), std::string::npos);
}

TEST_F(ExportApiTest, ConversationsAreExportedOnlyToTheirOwner) {
  if (!commandOnPath("unzip")) GTEST_SKIP() << "unzip is not installed";
  storeConversation(keyA_, "conv_a1", kMessages);
  CapturedLog log("export");
  const HttpResult own = exportAs("xlsx", R"({"conversation_id":"conv_a1"})", secretA_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(readXlsxSheets(saved(own.body, "own.xlsx")).at("Conversation").size(), 4u);

  const HttpResult other = exportAs("pdf", R"({"conversation_id":"conv_a1"})", secretB_);
  expectOpenAiError(other, 400, "no conversation with id conv_a1", "conversation_id");
  EXPECT_EQ(parseObject(other.body)->getObject("error")->getValue<std::string>("code"),
            "conversation_not_found");
  const HttpResult unknown = exportAs("pdf", R"({"conversation_id":"conv_nope"})", secretA_);
  EXPECT_EQ(unknown.body,
            std::string(other.body).replace(other.body.find("conv_a1"), 7, "conv_nope"))
      << "another key's conversation is answered as an unknown one";
  EXPECT_NE(log.text().find("answered 400 (conversation_not_found)"), std::string::npos)
      << log.text();
}

TEST_F(ExportApiTest, BadInputIsRefusedAndTheGatewayKeepsServing) {
  CapturedLog log("export");
  const auto code = [](const HttpResult& r) {
    return parseObject(r.body)->getObject("error")->getValue<std::string>("code");
  };
  HttpResult r = exportAs("pdf", "{\"messages\": [", secretA_);
  expectOpenAiError(r, 400, "not valid JSON");
  EXPECT_EQ(code(r), "invalid_json");
  r = exportAs("pdf", body("[]"), secretA_);
  expectOpenAiError(r, 400, "non-empty array", "messages");
  r = exportAs("xlsx", body("[]", R"("conversation_id":"c")"), secretA_);
  expectOpenAiError(r, 400, "exactly one of messages and conversation_id", "messages");
  r = exportAs("xlsx", body(R"([{"role":"user","content":"hi"}])", R"("title":7)"), secretA_);
  expectOpenAiError(r, 400, "title must be a string", "title");

  // Over export.max_input_bytes (2 MiB): a body, then a 10 MB stored conversation.
  // The body is refused by its Content-Length before it is read, and when it
  // comes chunked, once the cap is passed.
  const std::string big =
      body(R"([{"role":"user","content":")" + std::string(3 << 20, 'a') + "\"}]");
  std::ostringstream chunkSize;
  chunkSize << std::hex << big.size();
  for (const std::string& framing :
       {"Content-Length: " + std::to_string(big.size()) + "\r\n\r\n" + big,
        "Transfer-Encoding: chunked\r\n\r\n" + chunkSize.str() + "\r\n" + big + "\r\n0\r\n\r\n"}) {
    const RawExchange raw =
        sendRaw(gateway_.server().port(),
                "POST /v1/export/pdf HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secretA_ +
                    "\r\n" + framing);
    EXPECT_EQ(raw.first.status, 413) << framing.substr(0, 30);
    EXPECT_EQ(code(raw.first), "body_too_large");
  }
  storeConversation(keyA_, "conv_huge",
                    R"([{"role":"user","content":")" + std::string(10'000'000, 'b') + "\"}]");
  r = exportAs("xlsx", R"({"conversation_id":"conv_huge"})", secretA_);
  expectOpenAiError(r, 413, "over the export limit of 2097152 bytes", "conversation_id");
  EXPECT_EQ(code(r), "export_too_large");

  EXPECT_EQ(gateway_.client().post("/v1/export/pdf", body(kMessages)).status, 401);
  EXPECT_EQ(gateway_.client().get("/v1/export/pdf", bearer(secretA_)).status, 405);

  const std::string logged = log.text();
  for (const char* cause : {"(invalid_json)", "(invalid_request)", "(export_too_large)",
                            "answered 413 (body_too_large)"})
    EXPECT_NE(logged.find(cause), std::string::npos) << cause << " in\n" << logged;

  r = exportAs("pdf", body(kMessages), secretA_);
  EXPECT_EQ(r.status, 200) << "still serving: " << r.body;
  EXPECT_EQ(gateway_.client().get("/healthz").status, 200);
}

}  // namespace
}  // namespace manifold::test
