// SPDX-License-Identifier: Apache-2.0
#include "transit/journey_api.h"

#include <gtest/gtest.h>

#include "transit/test_util.h"

namespace zhitu::transit {
namespace {

using nlohmann::json;

timetable const& rail() {
  static auto const tt = timetable::build(read_gtfs(ZHITU_SOURCE_DIR "/data/rail/gtfs").feed_);
  return tt;
}

std::string error_of(std::multimap<std::string, std::string> const& args) {
  auto const p = parse_journey_params(rail(), args);
  return p ? std::string{"ok"} : p.err().message_;
}

TEST(journey_api, errors_name_the_parameter) {
  EXPECT_EQ("from: required (a station or city, by id or name)", error_of({{"to", "洛阳"}}));
  EXPECT_EQ("to: no station or city \"火星\" in the timetable",
            error_of({{"from", "郑州东"}, {"to", "火星"}}));
  EXPECT_EQ("to: the same place as from (\"洛阳\")",
            error_of({{"from", "洛阳"}, {"to", "洛阳市"}}));
  EXPECT_EQ("depart: expected a time HH:MM (hours 0-23), got \"12\"",
            error_of({{"from", "郑州东"}, {"to", "洛阳"}, {"depart", "12"}}));
  EXPECT_EQ("date: expected YYYY-MM-DD, got \"2021/06/01\"",
            error_of({{"from", "郑州东"}, {"to", "洛阳"}, {"date", "2021/06/01"}}));
  EXPECT_EQ("date: 2030-01-01 is outside the timetable (2021-01-01 to 2021-12-31)",
            error_of({{"from", "郑州东"}, {"to", "洛阳"}, {"date", "2030-01-01"}}));
  EXPECT_EQ("max_transfers: expected a whole number 0-7, got \"9\"",
            error_of({{"from", "郑州东"}, {"to", "洛阳"}, {"max_transfers", "9"}}));
  EXPECT_EQ(
      "arrive_by: 11:00 is before depart",
      error_of({{"from", "郑州东"}, {"to", "洛阳"}, {"depart", "12:00"}, {"arrive_by", "11:00"}}));
  EXPECT_EQ("window: expected minutes 0-1440, got \"-5\"",
            error_of({{"from", "郑州东"}, {"to", "洛阳"}, {"window", "-5"}}));
  EXPECT_EQ("depart: given more than once",
            error_of({{"from", "郑州东"}, {"to", "洛阳"}, {"depart", "1:00"}, {"depart", "2:00"}}));
}

TEST(journey_api, zhengzhou_east_to_luoyang_city) {
  auto const p = parse_journey_params(
      rail(), {{"from", "ZAF"}, {"to", "洛阳"}, {"date", "2021-06-01"}, {"depart", "12:00"}});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ("city", p->to_.kind_);
  raptor_state st;
  auto const j = find_journeys(rail(), st, *p);
  ASSERT_FALSE(j["journeys"].empty());
  auto const& first = j["journeys"][0];
  EXPECT_EQ("2021-06-01T12:11", first["departure"]);
  EXPECT_EQ("2021-06-01T12:47", first["arrival"]);
  EXPECT_EQ(0, first["transfers"]);
  EXPECT_EQ("G1709", first["legs"][0]["train"]);
  EXPECT_EQ("郑州东", first["legs"][0]["from"]);
  EXPECT_EQ("洛阳龙门", first["legs"][0]["to"]);
  EXPECT_EQ("station", first["legs"][0]["to_stop"]["position_precision"]);
  // The leg's path runs through the train's calls, from the boarding to the alighting station.
  auto const& path = first["legs"][0]["path"];
  ASSERT_GE(path.size(), 2U);
  EXPECT_EQ(path.front(), json::array({first["legs"][0]["from_stop"]["lon"],
                                       first["legs"][0]["from_stop"]["lat"]}));
  EXPECT_EQ(path.back(),
            json::array({first["legs"][0]["to_stop"]["lon"], first["legs"][0]["to_stop"]["lat"]}));
}

TEST(journey_api, window_gives_every_best_departure) {
  auto const p = parse_journey_params(
      rail(), {{"from", "郑州东"}, {"to", "洛阳龙门"}, {"depart", "12:00"}, {"window", "60"}});
  ASSERT_TRUE(p.has_value());
  raptor_state st;
  auto const j = find_journeys(rail(), st, *p);
  EXPECT_GE(j["journeys"].size(), 3U);  // G1709 12:11, G1874 12:17, G1974 12:23, ...
  std::string last;
  for (auto const& x : j["journeys"]) {
    EXPECT_LT(last, x["departure"].get<std::string>());
    last = x["departure"].get<std::string>();
  }
}

}  // namespace
}  // namespace zhitu::transit
