#pragma once
// The I/O layer's names for core/number (the reader, writer and table layers say
// io::parse_number); methods include core/number.hpp and use heq::parse_number.
#include "core/number.hpp"

namespace heq::io {
using heq::append_number;
using heq::describe_number_problem;
using heq::format_number;
using heq::NumberStatus;
using heq::parse_number;
}  // namespace heq::io
