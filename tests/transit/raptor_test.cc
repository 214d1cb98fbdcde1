// SPDX-License-Identifier: Apache-2.0
#include "transit/raptor/raptor.h"

#include <gtest/gtest.h>

#include "transit/test_util.h"

namespace zhitu::transit {
namespace {

// A–B–C with one transfer at B; a slower direct A–C; an overnight train C → B → D; D and E are
// two stations of one city (areas.txt) 20 min apart; a weekday train with calendar exceptions;
// a parent station P with two platforms.
constexpr auto kTinyFeed = R"(
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
A,Alpha,48.0,9.00,,
B,Beta,48.0,9.01,,
C,Gamma,48.0,9.02,,
D,Delta,48.0,9.03,,
E,Epsilon,48.0,9.04,,
F,Phi,48.0,9.05,,
P,Pi,48.1,9.00,1,
P1,Pi platform 1,48.1,9.00,0,P
P2,Pi platform 2,48.1,9.00,0,P
# routes.txt
route_id,route_short_name,route_type
R1,T1,2
R2,T2,2
R3,T3,2
R4,N1,2
R5,T5,2
R6,W1,2
R7,P7,2
R8,P8,2
# trips.txt
route_id,service_id,trip_id
R1,daily,T1
R2,daily,T2
R3,daily,T3
R4,daily,N1
R5,daily,T5
R6,weekday,W1
R7,daily,P7
R8,daily,P8
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,09:00:00,09:00:00,B,2
T2,09:10:00,09:10:00,B,1
T2,10:00:00,10:00:00,C,2
T3,08:30:00,08:30:00,A,1
T3,11:00:00,11:00:00,C,2
N1,22:00:00,22:00:00,C,1
N1,25:00:00,25:05:00,B,2
N1,30:00:00,30:00:00,D,3
T5,07:00:00,07:00:00,E,1
T5,08:00:00,08:00:00,F,2
W1,07:00:00,07:00:00,A,1
W1,07:40:00,07:40:00,C,2
P7,06:00:00,06:00:00,A,1
P7,06:30:00,06:30:00,P1,2
P8,06:40:00,06:40:00,P2,1
P8,07:20:00,07:20:00,F,2
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
daily,1,1,1,1,1,1,1,20240101,20241231
weekday,1,1,1,1,1,0,0,20240101,20241231
# calendar_dates.txt
service_id,date,exception_type
weekday,20240330,1
weekday,20240327,2
daily,20240402,2
# transfers.txt
from_stop_id,to_stop_id,transfer_type,min_transfer_time
B,B,2,600
D,E,2,1200
E,D,2,1200
# areas.txt
area_id,area_name
city:de,Dee
# stop_areas.txt
area_id,stop_id
city:de,D
city:de,E
)";

TEST(raptor, one_transfer_pareto_set) {
  auto const tt = test::load_feed(kTinyFeed);
  // 2024-03-28 is a Thursday: W1 runs too, but leaves before 07:30.
  EXPECT_EQ(
      "08:00 → 10:00, 1 transfer\n"
      "  T1 Alpha 08:00 → Beta 09:00\n"
      "  T2 Beta 09:10 → Gamma 10:00\n"
      "08:30 → 11:00, 0 transfers\n"
      "  T3 Alpha 08:30 → Gamma 11:00\n",
      test::route(tt, "A", "C", "2024-03-28", 7, 30));
}

TEST(raptor, minimum_transfer_time_is_kept) {
  auto text = std::string{kTinyFeed};
  text.replace(text.find("B,B,2,600"), 9, "B,B,2,900");  // 15 min at B: T2 at 09:10 is missed
  auto const tt = test::load_feed(text);
  EXPECT_EQ(
      "08:30 → 11:00, 0 transfers\n"
      "  T3 Alpha 08:30 → Gamma 11:00\n",
      test::route(tt, "A", "C", "2024-03-28", 7, 30));
}

TEST(raptor, pareto_drops_slower_journey_with_more_transfers) {
  auto text = std::string{kTinyFeed};
  text.replace(text.find("T3,11:00:00,11:00:00"), 20, "T3,09:50:00,09:50:00");
  auto const tt = test::load_feed(text);
  // Direct at 09:50 beats 10:00 with one transfer: only the direct train is kept.
  EXPECT_EQ(
      "08:30 → 09:50, 0 transfers\n"
      "  T3 Alpha 08:30 → Gamma 09:50\n",
      test::route(tt, "A", "C", "2024-03-28", 7, 30));
}

TEST(raptor, overnight_train) {
  auto const tt = test::load_feed(kTinyFeed);
  EXPECT_EQ(
      "22:00 → 06:00+1, 0 transfers\n"
      "  N1 Gamma 22:00 → Delta 06:00+1\n",
      test::route(tt, "C", "D", "2024-03-28", 21, 0));
  // After midnight the train of the day before is still running: board it at B at 01:05.
  EXPECT_EQ(
      "01:05 → 06:00, 0 transfers\n"
      "  N1 Beta 01:05 → Delta 06:00\n",
      test::route(tt, "B", "D", "2024-03-29", 0, 30));
}

TEST(raptor, missed_daily_train_is_taken_the_next_day) {
  auto const tt = test::load_feed(kTinyFeed);
  // N1 left B at 01:05; the next one leaves at 01:05 tomorrow (riding T2 to C to catch it
  // there arrives no earlier and changes once more).
  EXPECT_EQ(
      "01:05+1 → 06:00+1, 0 transfers\n"
      "  N1 Beta 01:05+1 → Delta 06:00+1\n",
      test::route(tt, "B", "D", "2024-03-28", 2, 0));
}

TEST(raptor, calendar_exceptions) {
  auto const tt = test::load_feed(kTinyFeed);
  // Friday: W1 runs; Saturday 30th: added; Sunday 31st: no; Wednesday 27th: removed.
  auto const w1 = "07:00 → 07:40, 0 transfers\n  W1 Alpha 07:00 → Gamma 07:40\n";
  EXPECT_EQ(w1, test::route(tt, "A", "C", "2024-03-29", 6, 50));
  EXPECT_EQ(w1, test::route(tt, "A", "C", "2024-03-30", 6, 50));
  EXPECT_EQ(
      "08:00 → 10:00, 1 transfer\n"
      "  T1 Alpha 08:00 → Beta 09:00\n"
      "  T2 Beta 09:10 → Gamma 10:00\n"
      "08:30 → 11:00, 0 transfers\n"
      "  T3 Alpha 08:30 → Gamma 11:00\n",
      test::route(tt, "A", "C", "2024-03-31", 6, 50));
  EXPECT_NE(w1, test::route(tt, "A", "C", "2024-03-27", 6, 50));
  // `daily` is removed on 2024-04-02: the overnight train of the 1st still arrives on the 2nd,
  // and the next journey from A leaves on the 3rd.
  EXPECT_EQ("22:00 → 06:00+1, 0 transfers\n  N1 Gamma 22:00 → Delta 06:00+1\n",
            test::route(tt, "C", "D", "2024-04-01", 21, 0));
  EXPECT_EQ("07:00+1 → 07:40+1, 0 transfers\n  W1 Alpha 07:00+1 → Gamma 07:40+1\n",
            test::route(tt, "A", "C", "2024-04-02", 7, 30));
}

TEST(raptor, same_city_transfer) {
  auto const tt = test::load_feed(kTinyFeed);
  // Overnight to D, 20 min across the city to E, then T5.
  EXPECT_EQ(
      "22:00 → 08:00+1, 1 transfer\n"
      "  N1 Gamma 22:00 → Delta 06:00+1\n"
      "  walk Delta 06:00+1 → Epsilon 06:20+1\n"
      "  T5 Epsilon 07:00+1 → Phi 08:00+1\n",
      test::route(tt, "C", "F", "2024-03-28", 21, 0));
  // To the city: either station counts.
  auto const dee = tt.resolve("Dee");
  ASSERT_TRUE(dee.has_value());
  EXPECT_EQ("city", dee->kind_);
  EXPECT_EQ(2U, dee->stops_.size());
  EXPECT_EQ("22:00 → 06:00+1, 0 transfers\n  N1 Gamma 22:00 → Delta 06:00+1\n",
            test::route(tt, "C", "Dee", "2024-03-28", 21, 0));
}

TEST(raptor, parent_station_platforms) {
  auto const tt = test::load_feed(kTinyFeed);
  auto const p = tt.resolve("P");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ("station", p->kind_);
  EXPECT_EQ(2U, p->stops_.size());
  // Platform change at P: the default sibling footpath (5 min).
  EXPECT_EQ(
      "06:00 → 07:20, 1 transfer\n"
      "  P7 Alpha 06:00 → Pi platform 1 06:30\n"
      "  walk Pi platform 1 06:30 → Pi platform 2 06:35\n"
      "  P8 Pi platform 2 06:40 → Phi 07:20\n",
      test::route(tt, "A", "F", "2024-03-28", 5, 0));
}

TEST(raptor, arrive_by_and_max_transfers) {
  auto const tt = test::load_feed(kTinyFeed);
  raptor_state st;
  auto q = test::make_query(tt, "A", "C", "2024-03-28", 7, 30);
  q.max_transfers_ = 0;
  EXPECT_EQ("08:30 → 11:00, 0 transfers\n  T3 Alpha 08:30 → Gamma 11:00\n",
            to_string(tt, earliest_arrival(tt, st, q)));
  q.max_transfers_ = 3;
  q.arrive_by_s_ = 10 * 3600 + 30 * 60;
  EXPECT_EQ(
      "08:00 → 10:00, 1 transfer\n  T1 Alpha 08:00 → Beta 09:00\n  T2 Beta 09:10 → Gamma 10:00\n",
      to_string(tt, earliest_arrival(tt, st, q)));
  q.arrive_by_s_ = 9 * 3600;
  EXPECT_EQ("", to_string(tt, earliest_arrival(tt, st, q)));
}

TEST(raptor, range_query) {
  auto const tt = test::load_feed(kTinyFeed);
  raptor_state st;
  auto q = test::make_query(tt, "A", "C", "2024-03-29", 6, 0);  // Friday: W1 runs
  q.window_s_ = 3 * 3600;
  EXPECT_EQ(
      "07:00 → 07:40, 0 transfers\n"
      "  W1 Alpha 07:00 → Gamma 07:40\n"
      "08:00 → 10:00, 1 transfer\n"
      "  T1 Alpha 08:00 → Beta 09:00\n"
      "  T2 Beta 09:10 → Gamma 10:00\n"
      "08:30 → 11:00, 0 transfers\n"
      "  T3 Alpha 08:30 → Gamma 11:00\n",
      to_string(tt, range_query(tt, st, q)));
}

// A range run may not wait at the origin for a train leaving after the window: from Alpha at
// 06:00 with five minutes only P7 leaves, and it does not reach Gamma (W1 at 07:00 would).
TEST(raptor, range_query_boards_at_the_origin_only_within_the_window) {
  auto const tt = test::load_feed(kTinyFeed);
  raptor_state st;
  auto q = test::make_query(tt, "A", "C", "2024-03-29", 6, 0);
  q.window_s_ = 5 * 60;
  EXPECT_EQ("", to_string(tt, range_query(tt, st, q)));
  EXPECT_EQ("07:00 → 07:40, 0 transfers\n  W1 Alpha 07:00 → Gamma 07:40\n",
            to_string(tt, earliest_arrival(tt, st, q)));
}

}  // namespace
}  // namespace zhitu::transit
