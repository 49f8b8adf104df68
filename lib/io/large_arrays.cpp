// The program's array new and delete (C++ lets a program replace them), for one reason:
// fast-cpp-csv-parser's LineReader takes 48 MiB with new[] for each reader it makes, and
// fresh 4 KiB pages cost a page fault each. A LineReader alone over a 35 MB file took
// 75 ms, 37 of them in the kernel (12,400 faults): as long as its own line search. So an
// array of 8 MiB or more is mapped on a 2 MiB boundary and advised for transparent huge
// pages (512 times fewer faults where the kernel allows them, the same 4 KiB pages where
// it does not), and a freed one is kept for the next array of its size: the reader makes
// a LineReader for every 1 MiB piece of a file, which then finds its pages already there.
// Smaller arrays go to malloc, as the library's own operator new[] would.
#include <sys/mman.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

namespace {

constexpr std::size_t kLarge = std::size_t{8} << 20, kHugePage = std::size_t{2} << 20;

struct Mapping {
  void* at = nullptr;
  std::size_t size = 0;
  bool spare = false;  // freed, kept for the next array of this size
};

class Mappings {
 public:
  void* take(std::size_t bytes) {
    if (bytes > kLargest) return nullptr;  // rounded up, it would wrap round: malloc refuses it
    const std::size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    std::lock_guard lock(mutex_);
    Mapping* empty = nullptr;
    for (Mapping& m : table_) {
      if (m.spare && m.size == size) {
        m.spare = false;
        return m.at;
      }
      if (!m.at && !empty) empty = &m;
    }
    if (!empty) return nullptr;
    void* at = map_aligned(size);
    if (at) *empty = Mapping{at, size, false};
    return at;
  }

  // False when `at` was not mapped here (it came from malloc).
  bool give_back(void* at) {
    std::lock_guard lock(mutex_);
    Mapping* mine = nullptr;
    int spares = 0;
    for (Mapping& m : table_) {
      if (m.at == at) mine = &m;
      spares += m.spare;
    }
    if (!mine) return false;
    if (spares < kSpares) {
      mine->spare = true;
    } else {
      ::munmap(mine->at, mine->size);
      *mine = Mapping{};
    }
    return true;
  }

 private:
  static constexpr int kSpares = 2;  // one for each reading thread
  static constexpr std::size_t kLargest = std::size_t{1} << 62;

  static void* map_aligned(std::size_t size) {
    void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto begin = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t at = (begin + kHugePage - 1) / kHugePage * kHugePage;
    if (at > begin) ::munmap(raw, at - begin);
    if (const std::size_t tail = begin + kHugePage - at)
      ::munmap(reinterpret_cast<void*>(at + size), tail);
    ::madvise(reinterpret_cast<void*>(at), size, MADV_HUGEPAGE);  // refused: 4 KiB pages
    return reinterpret_cast<void*>(at);
  }

  std::mutex mutex_;
  std::array<Mapping, 8> table_{};  // full: the next large array goes to malloc
};

// Constant-initialised and trivially destroyed, so usable before main and after exit.
constinit Mappings mappings;

void release(void* at) noexcept {
  if (!at) return;
  // A mapping starts on a 2 MiB boundary; few malloc blocks do, and only those are looked up.
  if (reinterpret_cast<std::uintptr_t>(at) % kHugePage == 0 && mappings.give_back(at)) return;
  std::free(at);
}

}  // namespace

void* operator new[](std::size_t bytes) {
  if (bytes >= kLarge)
    if (void* at = mappings.take(bytes)) return at;
  if (void* at = std::malloc(bytes ? bytes : 1)) return at;
  throw std::bad_alloc();
}

void* operator new[](std::size_t bytes, const std::nothrow_t&) noexcept {
  try {
    return ::operator new[](bytes);
  } catch (...) {
    return nullptr;
  }
}

void operator delete[](void* at) noexcept { release(at); }
void operator delete[](void* at, std::size_t) noexcept { release(at); }
void operator delete[](void* at, const std::nothrow_t&) noexcept { release(at); }
