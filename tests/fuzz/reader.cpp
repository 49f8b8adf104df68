// Fuzz target: the CSV reader on any bytes. The first byte picks the delimiter and the
// missing-value tokens; every field of every row is read as text and as a number.
// Only heq's DataError may escape the reader; anything else is a bug.
#include "io/reader.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  heq::io::ReaderOptions o;
  o.text = &text;
  o.path = "fuzz.csv";
  o.delimiter = ",\t;|"[data[0] % 4];
  if (data[0] & 4) o.na_tokens = {"NA", "-", ".", "0"};
  if (data[0] & 8) o.where = {"a=1"};
  try {
    heq::io::Reader reader(o);
    const std::size_t columns = reader.header().size();
    while (reader.next()) {
      for (std::size_t c = 0; c < columns; ++c) {
        (void)reader.field(c);
        (void)reader.is_missing_field(c);
        try {
          (void)reader.number(c);
        } catch (const heq::DataError&) {
        }
      }
    }
  } catch (const heq::DataError&) {
  } catch (const heq::UsageError&) {
  }
  return 0;
}
