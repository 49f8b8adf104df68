// heq-measure: runs a command and prints its wall time and peak memory, for the
// benchmark scripts (no GNU time on a bare Debian image).
//   heq-measure [-i INPUT] [-o OUTPUT] -- CMD ARGS...   ->   "<seconds> <peak MiB>" on stdout
// The command's standard output goes to OUTPUT (default /dev/null), its stderr passes through.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  const char* input = nullptr;
  const char* output = nullptr;
  int i = 1;
  for (; i < argc && std::strcmp(argv[i], "--") != 0; i += 2) {
    if (i + 1 >= argc) break;
    if (std::strcmp(argv[i], "-i") == 0) input = argv[i + 1];
    if (std::strcmp(argv[i], "-o") == 0) output = argv[i + 1];
  }
  if (i >= argc - 1) {
    std::fputs("usage: heq-measure [-i INPUT] [-o OUTPUT] -- CMD ARGS...\n", stderr);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (input) dup2(open(input, O_RDONLY), 0);
    dup2(open(output ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644), 1);
    execvp(argv[i + 1], argv + i + 1);
    std::perror(argv[i + 1]);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  std::printf("%.4f %.1f\n", seconds, usage.ru_maxrss / 1024.0);  // 0.1 ms: wc -l takes 5
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
