#include "xml_check.hpp"

#include <cctype>
#include <vector>

namespace heq::test {

namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
         c == '.';
}

// Checks text or an attribute value: no raw '<', and '&' only as a known entity.
std::string check_chars(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') return "raw '<' in text or attribute";
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "control character in text";
    if (s[i] != '&') continue;
    const std::size_t end = s.find(';', i);
    if (end == std::string_view::npos) return "unterminated entity";
    const std::string_view entity = s.substr(i + 1, end - i - 1);
    const bool known = entity == "amp" || entity == "lt" || entity == "gt" || entity == "quot" ||
                       entity == "apos" || (entity.size() > 1 && entity[0] == '#');
    if (!known) return "unknown entity &" + std::string(entity) + ";";
    i = end;
  }
  return "";
}

}  // namespace

XmlSummary check_xml(std::string_view t) {
  XmlSummary out;
  std::vector<std::string> open;
  bool seen_root = false;
  std::size_t i = 0;
  const auto fail = [&](const std::string& what) {
    out.error = what + " at byte " + std::to_string(i);
    return out;
  };
  if (t.substr(0, 5) == "<?xml") {
    i = t.find("?>");
    if (i == std::string_view::npos) return fail("unterminated declaration");
    i += 2;
  }
  while (i < t.size()) {
    const std::size_t lt = t.find('<', i);
    const std::string_view text =
        t.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
    if (const std::string e = check_chars(text); !e.empty()) return fail(e);
    if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string_view::npos)
      return fail("text outside the root");
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    if (i >= t.size()) return fail("'<' at the end");
    if (t[i] == '/') {  // closing tag
      std::size_t j = i + 1;
      while (j < t.size() && name_char(t[j])) ++j;
      const std::string name(t.substr(i + 1, j - i - 1));
      if (j >= t.size() || t[j] != '>') return fail("bad closing tag");
      if (open.empty() || open.back() != name) return fail("</" + name + "> closes nothing open");
      open.pop_back();
      i = j + 1;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && name_char(t[j])) ++j;
    if (j == i) return fail("element without a name");
    const std::string name(t.substr(i, j - i));
    if (open.empty()) {
      if (seen_root) return fail("a second root element");
      seen_root = true;
      out.root = name;
    }
    ++out.elements[name];
    // Attributes.
    std::map<std::string, bool> seen;
    for (;;) {
      while (j < t.size() && std::isspace(static_cast<unsigned char>(t[j]))) ++j;
      if (j >= t.size()) return fail("unterminated tag");
      if (t[j] == '>' || (t[j] == '/' && j + 1 < t.size() && t[j + 1] == '>')) break;
      const std::size_t a = j;
      while (j < t.size() && name_char(t[j])) ++j;
      if (j == a) return fail("bad attribute in <" + name + ">");
      const std::string attribute(t.substr(a, j - a));
      if (seen[attribute]) return fail("attribute " + attribute + " twice");
      seen[attribute] = true;
      if (j + 1 >= t.size() || t[j] != '=' || (t[j + 1] != '"' && t[j + 1] != '\''))
        return fail("attribute " + attribute + " is not quoted");
      const char quote = t[j + 1];
      const std::size_t end = t.find(quote, j + 2);
      if (end == std::string_view::npos) return fail("unterminated attribute");
      const std::string_view value = t.substr(j + 2, end - j - 2);
      if (const std::string e = check_chars(value); !e.empty()) return fail(e);
      if (attribute == "class") ++out.classes[std::string(value)];
      j = end + 1;
    }
    if (t[j] == '/') {
      i = j + 2;
    } else {
      open.push_back(name);
      i = j + 1;
    }
  }
  if (!open.empty()) {
    i = t.size();
    return fail("<" + open.back() + "> is not closed");
  }
  if (!seen_root) return fail("no root element");
  return out;
}

}  // namespace heq::test
