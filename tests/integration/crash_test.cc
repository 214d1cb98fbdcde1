// SPDX-License-Identifier: Apache-2.0
// `kill -9` during an import leaves the store exactly as it was before that import.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "common/fixtures.h"
#include "integration/process.h"

namespace zhitu::test {

namespace {

constexpr auto kBigRows = 200000;

void write_csv(std::filesystem::path const& p, std::string const& prefix, int rows) {
  std::ofstream out{p};
  out << "id,name,name_en,kind,lon,lat,era,note\n";
  for (auto i = 0; i < rows; ++i) {
    out << prefix << i << ",遗址" << i << ",Site " << i << ",heritage_site," << 73.5 + (i % 6000) * 0.01
        << "," << 18.5 + (i / 6000) * 0.01 << ",唐,\"a note, with a comma\"\n";
  }
}

// Everything in the store, as one comparable text.
std::string snapshot(std::filesystem::path const& db) {
  auto const r = run({zhitu_binary(), "export", "--db", db.string(), "--format", "csv"});
  EXPECT_EQ(r.exit_code_, 0) << r.err_;
  return r.out_;
}

void expect_intact(std::filesystem::path const& db, std::string const& before, std::string const& when) {
  EXPECT_EQ(snapshot(db), before) << "store changed after kill " << when;
  auto const check = run({zhitu_binary(), "check", "--db", db.string()});
  EXPECT_EQ(check.exit_code_, 0) << when << ": " << check.out_ << check.err_;
}

}  // namespace

TEST(crash, kill_9_during_import_leaves_store_unchanged) {
  temp_dir dir;
  auto const db = dir / "z.db";
  auto const small = dir / "before.csv";
  write_csv(small, "before-", 50);
  ASSERT_EQ(run({zhitu_binary(), "import", "--db", db.string(), "--licence", "CC0-1.0", small.string()})
                .exit_code_,
            0);
  auto const before = snapshot(db);
  ASSERT_NE(before.find("before-49"), std::string::npos);

  auto const big = dir / "big.csv";
  write_csv(big, "big-", kBigRows);
  std::vector<std::string> const import{zhitu_binary(), "import", "--db", db.string(), "--licence",
                                        "CC0-1.0", "--progress", big.string()};

  // Killed while rows are being written: the first progress line proves the transaction is open.
  {
    background_process p{import, dir / "import.log"};
    ASSERT_TRUE(p.wait_for_log("importing: ", 60000)) << p.log();
    p.kill(SIGKILL);
    p.wait();
    expect_intact(db, before, "after the first progress line");
  }
  // And at assorted moments: while parsing, while writing, possibly while committing.
  for (auto const ms : {0, 5, 30, 80, 150, 300, 600, 1000}) {
    background_process p{import, dir / "import.log"};
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    p.kill(SIGKILL);
    auto const status = p.wait();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      break;  // finished before the kill: later delays would only find it done too
    }
    expect_intact(db, before, "at " + std::to_string(ms) + " ms");
  }
}

TEST(crash, completed_import_is_visible_after_kill) {
  temp_dir dir;
  auto const db = dir / "z.db";
  auto const csv = dir / "a.csv";
  write_csv(csv, "a-", 1000);
  auto const r = run({zhitu_binary(), "import", "--db", db.string(), "--licence", "CC0-1.0", csv.string()});
  ASSERT_EQ(r.exit_code_, 0) << r.err_;
  // Acknowledged means durable: a fresh process sees every row.
  auto const s = snapshot(db);
  EXPECT_NE(s.find("a-999,"), std::string::npos);
}

}  // namespace zhitu::test
