// SPDX-License-Identifier: Apache-2.0
// Runs the real `zhitu` binary from tests: to completion, or in the background (a server, an
// import to kill).
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace zhitu::test {

struct run_result {
  int exit_code_;
  std::string out_;
  std::string err_;
};

// Runs `argv` (argv[0] is the program) with stdout and stderr captured.
run_result run(std::vector<std::string> const& argv);

class background_process {
 public:
  // Starts `argv` with stderr (and stdout) going to `log`.
  background_process(std::vector<std::string> const& argv, std::filesystem::path log);
  ~background_process();
  background_process(background_process const&) = delete;
  background_process& operator=(background_process const&) = delete;

  // Waits until the log contains `text` (true) or the process exits or `timeout_ms` passes.
  bool wait_for_log(std::string const& text, int timeout_ms) const;
  std::string log() const;
  void kill(int sig = SIGKILL);
  // Waits for the process; returns its exit status as waitpid reports it.
  int wait();
  bool running() const;

 private:
  pid_t pid_{-1};
  std::filesystem::path log_;
};

inline std::string zhitu_binary() { return ZHITU_BINARY; }

}  // namespace zhitu::test
