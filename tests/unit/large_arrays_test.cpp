#include "catch.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <new>
#include <string>

// lib/io/large_arrays.cpp: LineReader's 48 MiB buffer on 2 MiB boundaries, kept for reuse.
namespace {

constexpr std::size_t kLineReaderBuffer = std::size_t{3} << 24;

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// The kernel's transparent huge pages for the mapping holding `p`, in KiB (-1: unknown).
long huge_kib_at(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    if (std::sscanf(line.c_str(), "%lx%c%lx", &from, &dash, &to) == 3 && dash == '-') {
      inside = from <= address(p) && address(p) < to;
    } else if (inside && line.rfind("AnonHugePages:", 0) == 0) {
      return std::stol(line.substr(14));
    }
  }
  return -1;
}

bool huge_pages_on_advice() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(f, modes);
  return modes.find("[madvise]") != std::string::npos ||
         modes.find("[always]") != std::string::npos;
}

}  // namespace

TEST_CASE("large arrays: a LineReader-sized array starts on a 2 MiB boundary and is reused") {
  auto first = std::make_unique_for_overwrite<char[]>(kLineReaderBuffer);
  CHECK(address(first.get()) % (std::size_t{2} << 20) == 0);
  first[0] = 'a';
  first[kLineReaderBuffer - 1] = 'z';  // the whole length is there
  const void* was = first.get();
  first.reset();
  auto second = std::make_unique_for_overwrite<char[]>(kLineReaderBuffer);
  CHECK(second.get() == was);
  // Two at once (the split reader's two threads), then a third while both are held.
  auto third = std::make_unique_for_overwrite<char[]>(kLineReaderBuffer);
  CHECK(third.get() != second.get());
  CHECK(address(third.get()) % (std::size_t{2} << 20) == 0);
}

TEST_CASE("large arrays: touched pages are huge where the kernel grants them on advice") {
  auto buffer = std::make_unique_for_overwrite<char[]>(kLineReaderBuffer);
  for (std::size_t at = 0; at < (std::size_t{8} << 20); at += 4096) buffer[at] = 1;
  const long kib = huge_kib_at(buffer.get());
  if (huge_pages_on_advice() && kib >= 0)
    CHECK(kib >= 2048);  // at least one 2 MiB page; the kernel may lack free ones for more
  else
    WARN("transparent huge pages are off here: the buffer has 4 KiB pages");
}

TEST_CASE("large arrays: small arrays and empty deletes are malloc's as before") {
  auto small = std::make_unique<char[]>(100);
  small[99] = 'x';
  CHECK(small[0] == 0);
  char* none = nullptr;
  delete[] none;
  auto zero = std::make_unique<int[]>(0);
  CHECK(zero.get() != nullptr);
}

#if !defined(__SANITIZE_ADDRESS__)  // ASan stops the program at such a request instead
TEST_CASE("large arrays: a size that cannot be mapped is refused, not wrapped round") {
  // Rounded up to 2 MiB, this size wraps past zero: a 0-byte mapping handed out as huge.
  volatile std::size_t opaque = std::numeric_limits<std::size_t>::max() - 16;  // not a constant
  const std::size_t huge = opaque;
  CHECK_THROWS_AS(::operator new[](huge), std::bad_alloc);
  CHECK(::operator new[](huge, std::nothrow) == nullptr);
}
#endif
