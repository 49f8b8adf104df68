#pragma once
// A strict little XML well-formedness checker for the SVG heq-plot writes: one root,
// balanced tags, quoted attributes without raw < or &, known entities only. Enough to
// catch what a writer gets wrong; not a general XML parser.
#include <map>
#include <string>
#include <string_view>

namespace heq::test {

struct XmlSummary {
  std::string error;                    // empty: well-formed
  std::string root;                     // the root element's name
  std::map<std::string, int> classes;   // class attribute -> elements
  std::map<std::string, int> elements;  // element name -> count
};

XmlSummary check_xml(std::string_view text);

}  // namespace heq::test
