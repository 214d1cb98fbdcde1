// SPDX-License-Identifier: Apache-2.0
#include "transit/gtfs.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "transit/test_util.h"

namespace zhitu::transit {
namespace {

constexpr auto kMinimal = R"(
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
S,Station,48.0,9.0,1,
A,Alpha,48.0,9.00,0,S
B,Beta,48.0,9.01,,
# routes.txt
route_id,route_short_name,route_type
R,R1,2
# trips.txt
route_id,service_id,trip_id
R,wk,T
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T,23:50:00,23:55:00,A,1
T,25:10:00,25:10:00,B,2
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
wk,1,1,1,1,1,0,0,20240101,20240131
# calendar_dates.txt
service_id,date,exception_type
wk,20240106,1
# transfers.txt
from_stop_id,to_stop_id,transfer_type,min_transfer_time
B,B,2,300
)";

TEST(gtfs, reads_every_table) {
  auto const out = read_gtfs_text(test::split_feed(kMinimal));
  ASSERT_TRUE(out.ok()) << out.errors_.front().to_string();
  auto const& f = out.feed_;
  ASSERT_EQ(3U, f.stops_.size());
  EXPECT_EQ("S", f.stops_[1].parent_id_);
  EXPECT_EQ(1, f.stops_[0].location_type_);
  ASSERT_EQ(2U, f.stop_times_.size());
  EXPECT_EQ(25 * 3600 + 600, f.stop_times_[1].arrival_s_);  // past 24:00
  ASSERT_EQ(1U, f.calendars_.size());
  EXPECT_EQ(0x1F, f.calendars_[0].weekdays_);
  EXPECT_EQ(test::day("2024-01-01"), f.calendars_[0].start_);
  ASSERT_EQ(1U, f.calendar_dates_.size());
  EXPECT_TRUE(f.calendar_dates_[0].added_);
  ASSERT_EQ(1U, f.transfers_.size());
  EXPECT_EQ(300, f.transfers_[0].min_transfer_s_);
}

TEST(gtfs, dates_and_weekdays) {
  EXPECT_EQ(0, days_from_civil(1970, 1, 1));
  EXPECT_EQ("2024-03-30", format_day(test::day("2024-03-30")));
  EXPECT_EQ(5, weekday(test::day("2024-03-30")));  // Saturday
  EXPECT_EQ(0, weekday(test::day("2024-04-01")));  // Monday
  EXPECT_EQ("2000-02-29", format_day(days_from_civil(2000, 2, 29)));
}

TEST(gtfs, every_error_named_by_file_line_and_field) {
  constexpr auto kBad = R"(
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,parent_station
A,Alpha,91,9.0,
A,Alpha again,48.0,9.0,
B,Beta,48.0,east,
C,Gamma,48.0,9.0,NOPE
# routes.txt
route_id,route_short_name,route_type
R,R1,two
# trips.txt
route_id,service_id,trip_id
X,wk,T
R,nosuch,U
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T,08:00:00,08:00:00,A,1
T,07:00:00,07:00:00,Z,2
T,8:61:00,09:00:00,A,3
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
wk,1,1,1,1,1,0,2,20240101,20240230
)";
  EXPECT_EQ(
      "stops.txt:2: stop_lat: expected a number in [-90, 90], got \"91\"\n"
      "stops.txt:3: stop_id: duplicate stop_id \"A\"\n"
      "stops.txt:4: stop_lon: expected a number in [-180, 180], got \"east\"\n"
      "stops.txt:5: parent_station: no stop with stop_id \"NOPE\"\n"
      "routes.txt:2: route_type: expected a whole number in [0, 1702], got \"two\"\n"
      "calendar.txt:2: sunday: expected a whole number in [0, 1], got \"2\"\n"
      "calendar.txt:2: end_date: expected a date YYYYMMDD, got \"20240230\"\n"
      "trips.txt:2: route_id: no route with route_id \"X\" in routes.txt\n"
      "trips.txt:3: service_id: no service \"nosuch\" in calendar.txt or calendar_dates.txt\n"
      "stop_times.txt:3: stop_id: no stop with stop_id \"Z\" in stops.txt\n"
      "stop_times.txt:4: arrival_time: expected a time HH:MM:SS (hours may pass 24), got "
      "\"8:61:00\"\n",
      test::errors_of(kBad));
}

// Found by the GTFS fuzzer: header names and values with bytes that are not UTF-8 went into the
// messages as they were; the server puts messages into JSON.
TEST(gtfs, messages_are_valid_utf8_and_quote_values_escaped) {
  std::map<std::string, std::string> const files{
      {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon,x\xC0,x\xC0\nA,Alpha,4\x01\xFF,9.0,,\n"}};
  std::string all;
  for (auto const& e : read_gtfs_text(files).errors_) {
    all += e.to_string() + "\n";
  }
  EXPECT_NE(std::string::npos,
            all.find("stops.txt:1: x\uFFFD: column appears twice in the header\n"))
      << all;
  EXPECT_NE(
      std::string::npos,
      all.find("stops.txt:2: stop_lat: expected a number in [-90, 90], got \"4\\u0001\uFFFD\"\n"))
      << all;
}

TEST(gtfs, missing_files_and_columns) {
  EXPECT_EQ(
      "stops.txt: required file is missing\n"
      "routes.txt:1: route_type: required column is missing from the header\n"
      "trips.txt: required file is missing\n"
      "stop_times.txt: required file is missing\n"
      "calendar.txt: required file is missing (neither calendar.txt nor calendar_dates.txt)\n",
      test::errors_of("# routes.txt\nroute_id,route_short_name\nR,R1\n"));
}

TEST(gtfs, nothing_half_loaded) {
  auto text = std::string{kMinimal};
  text.replace(text.find("T,25:10:00,25:10:00,B,2"), 23, "T,23:10:00,23:10:00,B,2");
  auto const out = read_gtfs_text(test::split_feed(text));
  EXPECT_FALSE(out.ok());
  EXPECT_EQ(
      "stop_times.txt:3: arrival_time: trip \"T\" arrives here before it left the previous "
      "stop (line 2)",
      out.errors_.at(0).to_string());
  EXPECT_TRUE(out.feed_.stops_.empty());
  EXPECT_TRUE(out.feed_.stop_times_.empty());
}

TEST(gtfs, missing_directory) {
  auto const out = read_gtfs("/nonexistent/feed");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ("/nonexistent/feed: not a GTFS feed directory", out.errors_[0].to_string());
}

// Google's reference sample feed (tests/fixtures/gtfs/sample-feed).
TEST(gtfs, google_sample_feed) {
  auto const out = read_gtfs(ZHITU_SOURCE_DIR "/tests/fixtures/gtfs/sample-feed");
  ASSERT_TRUE(out.ok()) << out.errors_.front().to_string();
  EXPECT_EQ(9U, out.feed_.stops_.size());
  EXPECT_EQ(5U, out.feed_.routes_.size());
  EXPECT_EQ(11U, out.feed_.trips_.size());
  EXPECT_EQ(28U, out.feed_.stop_times_.size());
  auto const tt = timetable::build(out.feed_);
  EXPECT_EQ(
      "06:00 → 09:20, 2 transfers\n"
      "  30 Stagecoach Hotel & Casino (Demo) 06:00 → Nye County Airport (Demo) 06:20\n"
      "  10 Nye County Airport (Demo) 08:00 → Bullfrog (Demo) 08:10\n"
      "  20 Bullfrog (Demo) 08:20 → Furnace Creek Resort (Demo) 09:20\n",
      test::route(tt, "STAGECOACH", "FUR_CREEK_RES", "2007-06-05", 5, 50));
  // FULLW is removed on 2007-06-04: the first journey is on the next day (+1).
  EXPECT_EQ(
      "06:00+1 → 09:20+1, 2 transfers\n"
      "  30 Stagecoach Hotel & Casino (Demo) 06:00+1 → Nye County Airport (Demo) 06:20+1\n"
      "  10 Nye County Airport (Demo) 08:00+1 → Bullfrog (Demo) 08:10+1\n"
      "  20 Bullfrog (Demo) 08:20+1 → Furnace Creek Resort (Demo) 09:20+1\n",
      test::route(tt, "STAGECOACH", "FUR_CREEK_RES", "2007-06-04", 5, 50));
  // WE runs on weekends only: 2007-06-09 is a Saturday.
  EXPECT_EQ(
      "08:00 → 09:00, 0 transfers\n"
      "  50 Nye County Airport (Demo) 08:00 → Amargosa Valley (Demo) 09:00\n",
      test::route(tt, "BEATTY_AIRPORT", "AMV", "2007-06-09", 7, 0));
  EXPECT_EQ("", test::route(tt, "BEATTY_AIRPORT", "AMV", "2007-06-05", 7, 0));
}

}  // namespace
}  // namespace zhitu::transit
