#include "api/openai/AudioRequestParser.h"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace manifold::api {
namespace {

constexpr size_t kMaxInputChars = 4096;  // OpenAI's limit for one speech request

template <typename T>
std::optional<T> refuse(AudioRequestProblem& problem, std::string message, std::string param) {
  problem = {std::move(message), std::move(param)};
  return std::nullopt;
}

std::string condensed(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(object, out);
  return out.str();
}

std::string base64(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);  // standard alphabet, padded, as media.md says
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

size_t utf8Length(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xc0) != 0x80) ++n;
  return n;
}

}  // namespace

std::optional<SpeechRequest> parseSpeechRequest(const std::string& body,
                                                AudioRequestProblem& problem) {
  Poco::JSON::Object::Ptr in;
  try {
    in = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return refuse<SpeechRequest>(problem, "the body must be a JSON object", "");
  }
  if (!in) return refuse<SpeechRequest>(problem, "the body must be a JSON object", "");
  const Poco::Dynamic::Var input = in->get("input");
  if (!input.isString() || input.extract<std::string>().empty())
    return refuse<SpeechRequest>(problem, "'input' must be a non-empty string", "input");
  if (utf8Length(input.extract<std::string>()) > kMaxInputChars)
    return refuse<SpeechRequest>(
        problem, "'input' is longer than " + std::to_string(kMaxInputChars) + " characters",
        "input");
  const std::string formatName = in->optValue<std::string>("response_format", "mp3");
  const std::optional<media::AudioFormat> format = media::audioFormatNamed(formatName);
  if (!format)
    return refuse<SpeechRequest>(
        problem, "'response_format' must be mp3, wav or opus, not '" + formatName + "'",
        "response_format");

  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("input", input);
  const Poco::Dynamic::Var voice = in->get("voice");
  if (!voice.isEmpty() && !voice.isString())
    return refuse<SpeechRequest>(problem, "'voice' must be a string", "voice");
  out->set("voice", voice.isEmpty() ? std::string("alloy") : voice.extract<std::string>());
  out->set("response_format", formatName);
  const Poco::Dynamic::Var speed = in->get("speed");
  if (!speed.isEmpty()) {
    if (!speed.isNumeric() || speed.convert<double>() < 0.25 || speed.convert<double>() > 4.0)
      return refuse<SpeechRequest>(problem, "'speed' must be a number from 0.25 to 4", "speed");
    out->set("speed", speed.convert<double>());
  }
  const Poco::Dynamic::Var instructions = in->get("instructions");
  if (instructions.isString()) out->set("instructions", instructions);
  return SpeechRequest{condensed(out), *format};
}

std::optional<TranscriptionRequest> parseTranscriptionForm(const http::MultipartForm& form,
                                                           const std::string& audioMime,
                                                           AudioRequestProblem& problem) {
  const http::FormFile* file = form.file("file");
  if (!file) return refuse<TranscriptionRequest>(problem, "the form has no 'file'", "file");
  const std::string* formatField = form.field("response_format");
  const std::string responseFormat = formatField ? *formatField : "json";
  if (responseFormat != "json" && responseFormat != "text" && responseFormat != "verbose_json")
    return refuse<TranscriptionRequest>(
        problem,
        "'response_format' must be json, text or verbose_json, not '" + responseFormat + "'",
        "response_format");

  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("audio_b64", base64(file->bytes));
  out->set("filename", file->filename.empty() ? std::string("audio") : file->filename);
  out->set("mime", audioMime);
  std::string language;
  for (const char* name : {"language", "prompt"}) {
    const std::string* value = form.field(name);
    if (value && !value->empty()) out->set(name, *value);
  }
  if (const std::string* value = form.field("language")) language = *value;
  if (const std::string* value = form.field("temperature")) {
    double temperature = 0;
    if (!Poco::NumberParser::tryParseFloat(*value, temperature) || temperature < 0 ||
        temperature > 1)
      return refuse<TranscriptionRequest>(problem, "'temperature' must be a number from 0 to 1",
                                          "temperature");
    out->set("temperature", temperature);
  }
  out->set("response_format", responseFormat);
  return TranscriptionRequest{condensed(out), responseFormat, language};
}

}  // namespace manifold::api
