// SPDX-License-Identifier: Apache-2.0
#include "integration/process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace zhitu::test {

namespace {

std::string slurp(std::filesystem::path const& p) {
  std::ifstream in{p, std::ios::binary};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

pid_t spawn(std::vector<std::string> const& argv, std::filesystem::path const& out,
            std::filesystem::path const& err) {
  auto const pid = fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    auto const o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    auto const e = err == out ? o : open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, STDOUT_FILENO);
    dup2(e, STDERR_FILENO);
    auto const devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    std::vector<char*> args;
    for (auto const& a : argv) {
      args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

run_result run(std::vector<std::string> const& argv) {
  auto const dir = std::filesystem::temp_directory_path();
  auto const tag = std::to_string(getpid()) + "-" + std::to_string(std::rand());
  auto const out = dir / ("zhitu-run-" + tag + ".out");
  auto const err = dir / ("zhitu-run-" + tag + ".err");
  auto const pid = spawn(argv, out, err);
  int status = 0;
  waitpid(pid, &status, 0);
  run_result r{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(out),
               slurp(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

background_process::background_process(std::vector<std::string> const& argv,
                                       std::filesystem::path log)
    : log_{std::move(log)} {
  pid_ = spawn(argv, log_, log_);
}

background_process::~background_process() {
  if (pid_ > 0 && running()) {
    kill(SIGKILL);
  }
  if (pid_ > 0) {
    wait();
  }
}

bool background_process::running() const {
  return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0;
}

bool background_process::wait_for_log(std::string const& text, int timeout_ms) const {
  auto const deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (log().find(text) != std::string::npos) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return log().find(text) != std::string::npos;
}

std::string background_process::log() const { return slurp(log_); }

void background_process::kill(int sig) { ::kill(pid_, sig); }

int background_process::wait() {
  int status = 0;
  if (pid_ > 0) {
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  return status;
}

}  // namespace zhitu::test
