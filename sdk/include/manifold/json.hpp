// Manifold SDK: a small header-only JSON library (C++17 standard library only).
//
//   std::optional<manifold::json::Value> v = manifold::json::parse(text, &error);
//   if (v && (*v)["stream"].asBool()) ...
//   std::string out = manifold::json::stringify(*v);
//
// parse() never throws (bad_alloc is reported as a ParseError too). It is a
// single pass with an explicit stack, so hostile nesting cannot overflow the
// call stack; maxDepth bounds the depth of the resulting Value, which keeps
// the recursive stringify() and destructor safe as well.
// Objects keep insertion order. Duplicate keys are accepted: the last value
// wins, stored at the position of the first occurrence.
#ifndef MANIFOLD_JSON_HPP
#define MANIFOLD_JSON_HPP

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace manifold::json {

enum class Type { Null, Bool, Number, String, Array, Object };

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;

class Value {
 public:
  Value() noexcept = default;
  Value(std::nullptr_t) noexcept {}
  Value(bool b) noexcept : data_(b) {}
  // Every integer type: int64_t when it fits, otherwise (large unsigned) double.
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T n) noexcept {
    if constexpr (std::is_signed_v<T>) {
      data_ = static_cast<int64_t>(n);
    } else if (static_cast<uint64_t>(n) <= uint64_t(std::numeric_limits<int64_t>::max())) {
      data_ = static_cast<int64_t>(n);
    } else {
      data_ = static_cast<double>(n);
    }
  }
  Value(double d) noexcept : data_(d) {}
  Value(const char* s) : data_(std::string(s ? s : "")) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(std::string_view s) : data_(std::string(s)) {}
  explicit Value(Array a) : data_(std::move(a)) {}
  explicit Value(Object o) : data_(std::move(o)) {}

  static Value array() { return Value(Array()); }
  static Value object() { return Value(Object()); }

  Type type() const noexcept {
    // Indexed by the alternatives of data_.
    static constexpr Type kTypes[] = {Type::Null,   Type::Bool,  Type::Number, Type::Number,
                                      Type::String, Type::Array, Type::Object};
    return kTypes[data_.index()];
  }
  bool isNull() const noexcept { return is<std::monostate>(); }
  bool isBool() const noexcept { return is<bool>(); }
  bool isNumber() const noexcept { return is<int64_t>() || is<double>(); }
  bool isInt() const noexcept { return is<int64_t>(); }
  bool isDouble() const noexcept { return is<double>(); }
  bool isString() const noexcept { return is<std::string>(); }
  bool isArray() const noexcept { return is<Array>(); }
  bool isObject() const noexcept { return is<Object>(); }

  bool asBool(bool fallback = false) const noexcept {
    const bool* b = std::get_if<bool>(&data_);
    return b ? *b : fallback;
  }
  // Doubles are truncated toward zero; fallback when not a number or out of range.
  int64_t asInt(int64_t fallback = 0) const noexcept {
    if (const int64_t* i = std::get_if<int64_t>(&data_)) return *i;
    if (const double* d = std::get_if<double>(&data_)) {
      if (*d >= -9223372036854775808.0 && *d < 9223372036854775808.0) {
        return static_cast<int64_t>(*d);
      }
    }
    return fallback;
  }
  double asDouble(double fallback = 0) const noexcept {
    if (const double* d = std::get_if<double>(&data_)) return *d;
    if (const int64_t* i = std::get_if<int64_t>(&data_)) return static_cast<double>(*i);
    return fallback;
  }
  const std::string& asString() const noexcept {
    static const std::string empty;
    const std::string* s = std::get_if<std::string>(&data_);
    return s ? *s : empty;
  }
  const Array& asArray() const noexcept {
    static const Array empty;
    const Array* a = std::get_if<Array>(&data_);
    return a ? *a : empty;
  }
  const Object& asObject() const noexcept {
    static const Object empty;
    const Object* o = std::get_if<Object>(&data_);
    return o ? *o : empty;
  }

  // Number of elements (array) or members (object); 0 for anything else.
  size_t size() const noexcept {
    if (const Array* a = std::get_if<Array>(&data_)) return a->size();
    if (const Object* o = std::get_if<Object>(&data_)) return o->size();
    return 0;
  }

  // Lookups never fail: a missing element reads as null, so chains like
  // v["choices"][0]["delta"]["content"].asString() are safe.
  const Value& operator[](size_t index) const noexcept {
    const Array* a = std::get_if<Array>(&data_);
    return a && index < a->size() ? (*a)[index] : nullValue();
  }
  const Value& operator[](std::string_view key) const noexcept {
    const Value* v = find(key);
    return v ? *v : nullValue();
  }
  const Value* find(std::string_view key) const noexcept {
    if (const Object* o = std::get_if<Object>(&data_)) {
      for (const Member& m : *o) {
        if (m.first == key) return &m.second;
      }
    }
    return nullptr;
  }
  Value* find(std::string_view key) noexcept {
    return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
  }
  bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

  // Mutators turn a non-object (non-array) into an empty one first.
  Value& set(std::string key, Value v) {
    if (!isObject()) data_ = Object();
    Object& o = std::get<Object>(data_);
    for (Member& m : o) {
      if (m.first == key) return m.second = std::move(v);
    }
    o.emplace_back(std::move(key), std::move(v));
    return o.back().second;
  }
  Value& push(Value v) {
    if (!isArray()) data_ = Array();
    Array& a = std::get<Array>(data_);
    a.push_back(std::move(v));
    return a.back();
  }

  // Structural equality; objects compare in order; 1 == 1.0.
  friend bool operator==(const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) {
      if (a.isInt() && b.isInt()) return a.asInt() == b.asInt();
      return a.asDouble() == b.asDouble();
    }
    return a.data_ == b.data_;
  }
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  template <typename T>
  bool is() const noexcept {
    return std::holds_alternative<T>(data_);
  }
  static const Value& nullValue() noexcept {
    static const Value null;
    return null;
  }

  std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> data_;
};

struct ParseError {
  size_t offset = 0;  // byte offset into the input
  std::string message;
};

namespace detail {

// Length of the well-formed UTF-8 sequence starting at s[i] (i < s.size()),
// or 0 if it is malformed: overlong, a surrogate, above U+10FFFF, or truncated.
inline size_t utf8SequenceLength(std::string_view s, size_t i) noexcept {
  auto byte = [&](size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    unsigned b = byte(k);
    return b >= lo && b <= hi;
  };
  unsigned c = byte(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

inline void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline bool isDigit(char c) noexcept {
  return c >= '0' && c <= '9';
}

// Last value wins, kept at the first key's position. Small objects use a
// linear scan; large ones a hash index so hostile input stays O(n).
inline void removeDuplicateKeys(Object& members) {
  if (members.size() < 2) return;
  const bool useIndex = members.size() > 16;
  std::unordered_map<std::string_view, size_t> index;
  size_t kept = 0;
  for (size_t i = 0; i < members.size(); ++i) {
    size_t found = kept;
    if (useIndex) {
      auto it = index.find(members[i].first);
      if (it != index.end()) found = it->second;
    } else {
      found = 0;
      while (found < kept && members[found].first != members[i].first) ++found;
    }
    if (found < kept) {
      members[found].second = std::move(members[i].second);
      continue;
    }
    if (kept != i) members[kept] = std::move(members[i]);
    // The view stays valid: members[kept] is never moved again.
    if (useIndex) index.emplace(members[kept].first, kept);
    ++kept;
  }
  members.erase(members.begin() + static_cast<std::ptrdiff_t>(kept), members.end());
}

class Parser {
 public:
  Parser(std::string_view text, size_t maxDepth) : s_(text), maxDepth_(maxDepth) {}

  std::optional<Value> run(ParseError* error) {
    Value result;
    bool ok = false;
    try {
      ok = parseDocument(result);
    } catch (const std::bad_alloc&) {
      fail(pos_, "out of memory");
    }
    if (ok) return result;
    if (error) *error = ParseError{errorOffset_, std::move(errorMessage_)};
    return std::nullopt;
  }

 private:
  struct Frame {
    bool isArray;
    Array items;
    Object members;
    std::string key;  // key of the member whose value is being parsed
  };

  bool fail(size_t offset, const char* message) {
    errorOffset_ = offset;
    errorMessage_ = message;
    return false;
  }

  bool atEnd() const noexcept { return pos_ >= s_.size(); }

  void skipWhitespace() noexcept {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      ++pos_;
    }
  }

  bool parseDocument(Value& result) {
    std::vector<Frame> stack;
    Value value;
    skipWhitespace();
    for (;;) {
      // Read one value, or open a container and go read its first element.
      if (!atEnd() && (s_[pos_] == '[' || s_[pos_] == '{')) {
        if (stack.size() >= maxDepth_) {
          errorOffset_ = pos_;
          errorMessage_ = "nesting deeper than " + std::to_string(maxDepth_) + " levels";
          return false;
        }
        const bool isArray = s_[pos_] == '[';
        ++pos_;
        skipWhitespace();
        if (!atEnd() && s_[pos_] == (isArray ? ']' : '}')) {
          ++pos_;
          value = isArray ? Value::array() : Value::object();
        } else {
          stack.push_back(Frame{isArray, {}, {}, {}});
          if (!isArray && !parseKey(stack.back().key)) return false;
          continue;
        }
      } else if (!parseScalar(value)) {
        return false;
      }

      // Attach the value to its parent; close every container that ends here.
      for (;;) {
        if (stack.empty()) {
          skipWhitespace();
          if (!atEnd()) return fail(pos_, "unexpected characters after JSON value");
          result = std::move(value);
          return true;
        }
        Frame& top = stack.back();
        if (top.isArray) {
          top.items.push_back(std::move(value));
        } else {
          top.members.emplace_back(std::move(top.key), std::move(value));
        }
        skipWhitespace();
        if (atEnd()) return fail(pos_, "unexpected end of input");
        if (s_[pos_] == ',') {
          ++pos_;
          skipWhitespace();
          if (!top.isArray && !parseKey(top.key)) return false;
          break;
        }
        if (s_[pos_] != (top.isArray ? ']' : '}')) {
          return fail(pos_, top.isArray ? "expected ',' or ']'" : "expected ',' or '}'");
        }
        ++pos_;
        if (top.isArray) {
          value = Value(std::move(top.items));
        } else {
          removeDuplicateKeys(top.members);
          value = Value(std::move(top.members));
        }
        stack.pop_back();
      }
    }
  }

  // A member key and its ':'; leaves pos_ at the start of the value.
  bool parseKey(std::string& key) {
    if (atEnd()) return fail(pos_, "unexpected end of input");
    if (s_[pos_] != '"') return fail(pos_, "expected string key");
    key.clear();
    if (!parseString(key)) return false;
    skipWhitespace();
    if (atEnd()) return fail(pos_, "unexpected end of input");
    if (s_[pos_] != ':') return fail(pos_, "expected ':'");
    ++pos_;
    skipWhitespace();
    return true;
  }

  bool parseScalar(Value& out) {
    if (atEnd()) return fail(pos_, "unexpected end of input");
    const char c = s_[pos_];
    if (c == '"') {
      std::string str;
      if (!parseString(str)) return false;
      out = Value(std::move(str));
      return true;
    }
    if (c == '-' || isDigit(c)) return parseNumber(out);
    if (c == 't') return parseLiteral("true", Value(true), out);
    if (c == 'f') return parseLiteral("false", Value(false), out);
    if (c == 'n') return parseLiteral("null", Value(), out);
    return fail(pos_, "expected a JSON value");
  }

  bool parseLiteral(std::string_view word, Value literal, Value& out) {
    if (s_.substr(pos_, word.size()) != word) return fail(pos_, "invalid literal");
    pos_ += word.size();
    out = std::move(literal);
    return true;
  }

  // pos_ is at the opening quote. Plain runs are appended in one go.
  bool parseString(std::string& out) {
    size_t runStart = ++pos_;
    while (!atEnd()) {
      const unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        out.append(s_.data() + runStart, pos_ - runStart);
        ++pos_;
        return true;
      }
      if (c == '\\') {
        out.append(s_.data() + runStart, pos_ - runStart);
        if (!parseEscape(out)) return false;
        runStart = pos_;
      } else if (c < 0x20) {
        return fail(pos_, "control character in string must be escaped");
      } else if (c < 0x80) {
        ++pos_;
      } else {
        size_t n = utf8SequenceLength(s_, pos_);
        if (n == 0) return fail(pos_, "invalid UTF-8 in string");
        pos_ += n;
      }
    }
    return fail(pos_, "unterminated string");
  }

  bool parseHex4(size_t at, uint32_t& out) const noexcept {
    if (at + 4 > s_.size()) return false;
    const char* p = s_.data() + at;
    const auto result = std::from_chars(p, p + 4, out, 16);  // no sign or prefix for unsigned
    return result.ec == std::errc() && result.ptr == p + 4;
  }

  // pos_ is at the backslash.
  bool parseEscape(std::string& out) {
    const size_t at = pos_;
    if (pos_ + 1 >= s_.size()) return fail(s_.size(), "unterminated string");
    const char e = s_[pos_ + 1];
    pos_ += 2;
    static constexpr std::string_view kEscapes = "\"\\/bfnrt", kDecoded = "\"\\/\b\f\n\r\t";
    if (const size_t k = kEscapes.find(e); k != std::string_view::npos) {
      out += kDecoded[k];
      return true;
    }
    if (e != 'u') return fail(at, "invalid escape sequence");
    uint32_t cp;
    if (!parseHex4(pos_, cp)) return fail(at, "invalid \\u escape");
    pos_ += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(at, "unpaired surrogate in \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low;
      if (pos_ + 1 >= s_.size() || s_[pos_] != '\\' || s_[pos_ + 1] != 'u' ||
          !parseHex4(pos_ + 2, low) || low < 0xDC00 || low > 0xDFFF) {
        return fail(at, "unpaired surrogate in \\u escape");
      }
      pos_ += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, cp);
    return true;
  }

  bool parseNumber(Value& out) {
    const size_t start = pos_;
    const bool negative = s_[pos_] == '-';
    if (negative) ++pos_;
    if (atEnd() || !isDigit(s_[pos_])) return fail(pos_, "invalid number");
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && isDigit(s_[pos_ + 1])) {
      return fail(pos_, "leading zeros are not allowed");
    }
    const size_t intStart = pos_;
    while (!atEnd() && isDigit(s_[pos_])) ++pos_;
    const size_t intEnd = pos_;
    size_t fracStart = pos_, fracEnd = pos_, expStart = pos_;
    bool expNegative = false;
    if (!atEnd() && s_[pos_] == '.') {
      fracStart = ++pos_;
      if (atEnd() || !isDigit(s_[pos_])) return fail(pos_, "expected digit after decimal point");
      while (!atEnd() && isDigit(s_[pos_])) ++pos_;
      fracEnd = pos_;
    }
    if (!atEnd() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (!atEnd() && (s_[pos_] == '+' || s_[pos_] == '-')) expNegative = s_[pos_++] == '-';
      expStart = pos_;
      if (atEnd() || !isDigit(s_[pos_])) return fail(pos_, "expected digit in exponent");
      while (!atEnd() && isDigit(s_[pos_])) ++pos_;
    }

    if (intEnd == pos_) {
      // Accumulate negatively so that INT64_MIN fits; overflow becomes a double,
      // and so does "-0", which has no int64 form (it round-trips as -0.0).
      constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
      int64_t acc = 0;
      bool fits = true;
      for (size_t i = intStart; i < intEnd && fits; ++i) {
        const int digit = s_[i] - '0';
        if (acc < (kMin + digit) / 10) {
          fits = false;
        } else {
          acc = acc * 10 - digit;
        }
      }
      if (fits && (negative ? acc != 0 : acc != kMin)) {
        out = Value(negative ? acc : -acc);
        return true;
      }
    }

    double d = 0;
    const auto result = std::from_chars(s_.data() + start, s_.data() + pos_, d);
    if (result.ec == std::errc::result_out_of_range) {
      // from_chars reports underflow and overflow alike; tell them apart by the
      // decimal exponent of the first significant digit.
      int64_t magnitude;
      if (s_[intStart] != '0') {
        magnitude = int64_t(intEnd - intStart);
      } else {
        size_t i = fracStart;
        while (i < fracEnd && s_[i] == '0') ++i;
        magnitude = -int64_t(i - fracStart);
      }
      int64_t exponent = 0;
      for (size_t i = expStart; i < pos_; ++i) {
        exponent = std::min<int64_t>(exponent * 10 + (s_[i] - '0'), 1000000000);
      }
      magnitude += expNegative ? -exponent : exponent;
      if (magnitude > 0) return fail(start, "number out of range");
      d = negative ? -0.0 : 0.0;
    } else if (result.ec != std::errc() || result.ptr != s_.data() + pos_) {
      return fail(start, "invalid number");
    }
    out = Value(d);
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
  size_t maxDepth_;
  size_t errorOffset_ = 0;
  std::string errorMessage_;
};

}  // namespace detail

inline bool isValidUtf8(std::string_view s) noexcept {
  for (size_t i = 0, n; i < s.size(); i += n) {
    n = detail::utf8SequenceLength(s, i);
    if (n == 0) return false;
  }
  return true;
}

// Parses one JSON document (RFC 8259). Never throws; on failure returns
// nullopt and, if `error` is given, the offset and reason.
inline std::optional<Value> parse(std::string_view text, ParseError* error = nullptr,
                                  size_t maxDepth = 128) {
  return detail::Parser(text, maxDepth).run(error);
}

// Appends `s` as a JSON string literal. Valid UTF-8 passes through unchanged;
// each byte of an invalid sequence becomes U+FFFD.
inline void appendQuoted(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  size_t runStart = 0, i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (size_t n = detail::utf8SequenceLength(s, i)) {
        i += n;
        continue;
      }
    }
    out.append(s.data() + runStart, i - runStart);
    static constexpr std::string_view kShort = "\"\\\b\f\n\r\t", kLetters = "\"\\bfnrt";
    if (c >= 0x80) {
      out += "\xEF\xBF\xBD";
    } else if (const size_t k = kShort.find(static_cast<char>(c)); k != std::string_view::npos) {
      out += '\\';
      out += kLetters[k];
    } else {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
    runStart = ++i;
  }
  out.append(s.data() + runStart, i - runStart);
  out += '"';
}

// `s` as a JSON string literal, quotes included.
inline std::string quoted(std::string_view s) {
  std::string out;
  appendQuoted(out, s);
  return out;
}

// Appends the compact JSON text of `v`. Doubles use the shortest text that
// reads back to the same value; NaN and infinities are written as null.
inline void stringifyTo(std::string& out, const Value& v) {
  char buf[32];
  switch (v.type()) {
    case Type::Null:
      out += "null";
      break;
    case Type::Bool:
      out += v.asBool() ? "true" : "false";
      break;
    case Type::Number:
      if (v.isInt()) {
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v.asInt()).ptr);
      } else if (std::isfinite(v.asDouble())) {
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v.asDouble()).ptr);
      } else {
        out += "null";
      }
      break;
    case Type::String:
      appendQuoted(out, v.asString());
      break;
    case Type::Array: {
      out += '[';
      const Array& items = v.asArray();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        stringifyTo(out, items[i]);
      }
      out += ']';
      break;
    }
    case Type::Object: {
      out += '{';
      const Object& members = v.asObject();
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ',';
        appendQuoted(out, members[i].first);
        out += ':';
        stringifyTo(out, members[i].second);
      }
      out += '}';
      break;
    }
  }
}

inline std::string stringify(const Value& v) {
  std::string out;
  stringifyTo(out, v);
  return out;
}

}  // namespace manifold::json

#endif  // MANIFOLD_JSON_HPP
