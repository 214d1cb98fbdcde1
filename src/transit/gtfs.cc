// SPDX-License-Identifier: Apache-2.0
#include "transit/gtfs.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "io/detail/csv_reader.h"
#include "io/detail/text.h"

namespace zhitu::transit {

day_t days_from_civil(int y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2 ? 1 : 0;
  auto const era = (y >= 0 ? y : y - 399) / 400;
  auto const yoe = static_cast<unsigned>(y - era * 400);
  auto const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  auto const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::string format_day(day_t day) {
  auto z = day + 719468;
  auto const era = (z >= 0 ? z : z - 146096) / 146097;
  auto const doe = static_cast<unsigned>(z - era * 146097);
  auto const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  auto y = static_cast<int>(yoe) + era * 400;
  auto const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  auto const mp = (5 * doy + 2) / 153;
  auto const d = doy - (153 * mp + 2) / 5 + 1;
  auto const m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", y, m, d);
  return buf;
}

int weekday(day_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }  // 1970-01-01: Thu

namespace {

using io::input_error;
using io::detail::quote_value;

struct error_sink {
  std::vector<input_error>& out_;
  std::size_t& n_;
  std::size_t max_;
  // Header names and values come from the file: made valid UTF-8, as the importers' messages
  // are (the server puts them into JSON).
  void add(std::string file, std::size_t line, std::string field, std::string message) {
    ++n_;
    if (out_.size() < max_) {
      out_.push_back({std::move(file), line, std::nullopt, io::detail::valid_utf8(std::move(field)),
                      io::detail::valid_utf8(std::move(message))});
    }
  }
};

// One GTFS table: header → column index, rows with their line numbers.
struct table {
  std::string file_;
  std::unordered_map<std::string, std::size_t> columns_;
  std::vector<io::detail::csv_row> rows_;
  bool present_{false};
};

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return std::string{s};
}

table parse_table(std::string const& file, std::string_view text, error_sink& errs) {
  table t;
  t.file_ = file;
  t.present_ = true;
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  io::detail::csv_reader r{text};
  io::detail::csv_row row;
  bool header = true;
  while (r.next(row)) {
    if (row.error_) {
      errs.add(file, row.error_->line_, "", row.error_->message_);
      continue;
    }
    if (row.blank_) {
      continue;
    }
    if (header) {
      for (std::size_t i = 0; i < row.fields_.size(); ++i) {
        auto const name = trim(row.fields_[i]);
        if (!t.columns_.emplace(name, i).second) {
          errs.add(file, row.line_, name, "column appears twice in the header");
        }
      }
      header = false;
      continue;
    }
    t.rows_.push_back(row);
  }
  if (header) {
    errs.add(file, 1, "", "file is empty: expected a header line");
  }
  return t;
}

// Reads fields of one row, reporting each problem with file, line and field.
class row_reader {
 public:
  row_reader(table const& t, io::detail::csv_row const& row, error_sink& errs)
      : t_{t}, row_{row}, errs_{errs} {}

  std::optional<std::string> opt(std::string const& col) const {
    auto const it = t_.columns_.find(col);
    if (it == t_.columns_.end() || it->second >= row_.fields_.size()) {
      return std::nullopt;
    }
    auto v = trim(row_.fields_[it->second]);
    if (v.empty()) {
      return std::nullopt;
    }
    return v;
  }

  std::string req(std::string const& col) {
    auto v = opt(col);
    if (!v) {
      fail(col, "required value is empty");
      return {};
    }
    return *v;
  }

  std::optional<long long> integer(std::string const& col, long long min, long long max,
                                   bool required) {
    auto const v = opt(col);
    if (!v) {
      if (required) {
        fail(col, "required value is empty");
      }
      return std::nullopt;
    }
    long long x = 0;
    auto const [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc{} || p != v->data() + v->size() || x < min || x > max) {
      fail(col, "expected a whole number in [" + std::to_string(min) + ", " + std::to_string(max) +
                    "], got " + quote_value(*v));
      return std::nullopt;
    }
    return x;
  }

  std::optional<double> number(std::string const& col, double min, double max, bool required) {
    auto const v = opt(col);
    if (!v) {
      if (required) {
        fail(col, "required value is empty");
      }
      return std::nullopt;
    }
    double x = 0;
    auto const [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc{} || p != v->data() + v->size() || !(x >= min && x <= max)) {
      std::ostringstream range;
      range << "[" << min << ", " << max << "]";
      fail(col, "expected a number in " + range.str() + ", got " + quote_value(*v));
      return std::nullopt;
    }
    return x;
  }

  // HH:MM:SS (H or HH, hours may pass 24) → seconds.
  std::optional<std::int32_t> time(std::string const& col) {
    auto const v = opt(col);
    if (!v) {
      return std::nullopt;
    }
    int h = 0;
    int m = 0;
    int s = 0;
    char c1 = 0;
    char c2 = 0;
    std::istringstream in{*v};
    in >> h >> c1 >> m >> c2 >> s;
    auto const rest =
        in.fail() ? std::string{"x"} : std::string{std::istreambuf_iterator<char>{in}, {}};
    if (in.fail() || c1 != ':' || c2 != ':' || !rest.empty() || h < 0 || h > 167 || m < 0 ||
        m > 59 || s < 0 || s > 59 || v->size() < 7) {
      fail(col, "expected a time HH:MM:SS (hours may pass 24), got " + quote_value(*v));
      return std::nullopt;
    }
    return h * 3600 + m * 60 + s;
  }

  // YYYYMMDD → days since 1970-01-01.
  std::optional<day_t> date(std::string const& col) {
    auto const v = opt(col);
    if (!v) {
      fail(col, "required value is empty");
      return std::nullopt;
    }
    auto const digits =
        std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (v->size() == 8 && digits) {
      auto const y = std::stoi(v->substr(0, 4));
      auto const m = static_cast<unsigned>(std::stoi(v->substr(4, 2)));
      auto const d = static_cast<unsigned>(std::stoi(v->substr(6, 2)));
      static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      auto const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      if (m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] && !(m == 2 && d == 29 && !leap)) {
        return days_from_civil(y, m, d);
      }
    }
    fail(col, "expected a date YYYYMMDD, got " + quote_value(*v));
    return std::nullopt;
  }

  void fail(std::string const& col, std::string message) {
    ok_ = false;
    errs_.add(t_.file_, row_.line_, col, std::move(message));
  }

  bool ok() const { return ok_; }
  std::size_t line() const { return row_.line_; }

 private:
  table const& t_;
  io::detail::csv_row const& row_;
  error_sink& errs_;
  bool ok_{true};
};

struct feed_reader {
  std::map<std::string, std::string> const& files_;
  error_sink errs_;
  gtfs_feed feed_;

  table load(std::string const& name, bool required, std::vector<std::string> const& columns) {
    auto const it = files_.find(name);
    if (it == files_.end()) {
      if (required) {
        errs_.add(name, 0, "", "required file is missing");
      }
      return {};
    }
    auto t = parse_table(name, it->second, errs_);
    if (!t.rows_.empty() || t.columns_.size() > 0) {
      for (auto const& c : columns) {
        if (!t.columns_.contains(c)) {
          errs_.add(name, 1, c, "required column is missing from the header");
          t.rows_.clear();  // every row would repeat the same error
        }
      }
    }
    return t;
  }

  void run() {
    auto const stops = load("stops.txt", true, {"stop_id"});
    auto const routes = load("routes.txt", true, {"route_id", "route_type"});
    auto const trips = load("trips.txt", true, {"route_id", "service_id", "trip_id"});
    auto const stop_times = load("stop_times.txt", true, {"trip_id", "stop_id", "stop_sequence"});
    auto const calendar = load("calendar.txt", false,
                               {"service_id", "monday", "tuesday", "wednesday", "thursday",
                                "friday", "saturday", "sunday", "start_date", "end_date"});
    auto const calendar_dates =
        load("calendar_dates.txt", false, {"service_id", "date", "exception_type"});
    auto const transfers =
        load("transfers.txt", false, {"from_stop_id", "to_stop_id", "transfer_type"});
    auto const areas = load("areas.txt", false, {"area_id"});
    auto const stop_areas = load("stop_areas.txt", false, {"area_id", "stop_id"});
    if (!calendar.present_ && !calendar_dates.present_) {
      errs_.add("calendar.txt", 0, "",
                "required file is missing (neither calendar.txt nor calendar_dates.txt)");
    }

    // stops
    std::unordered_map<std::string, std::size_t> stop_idx;
    for (auto const& row : stops.rows_) {
      row_reader r{stops, row, errs_};
      gtfs_stop s;
      s.id_ = r.req("stop_id");
      s.location_type_ = static_cast<int>(r.integer("location_type", 0, 4, false).value_or(0));
      s.name_ = r.opt("stop_name").value_or("");
      auto const needs_position = s.location_type_ <= 2;
      if (needs_position && s.name_.empty()) {
        r.fail("stop_name",
               "required value is empty (location_type " + std::to_string(s.location_type_) + ")");
      }
      s.lat_ = r.number("stop_lat", -90.0, 90.0, needs_position).value_or(0.0);
      s.lon_ = r.number("stop_lon", -180.0, 180.0, needs_position).value_or(0.0);
      s.parent_id_ = r.opt("parent_station").value_or("");
      s.precision_ = r.opt("position_precision").value_or("");
      if (s.location_type_ == 1 && !s.parent_id_.empty()) {
        r.fail("parent_station", "a station (location_type 1) cannot have a parent station");
      }
      if (!s.id_.empty() && !stop_idx.emplace(s.id_, feed_.stops_.size()).second) {
        r.fail("stop_id", "duplicate stop_id " + quote_value(s.id_));
      }
      if (r.ok()) {
        feed_.stops_.push_back(std::move(s));
      }
    }
    // Parents are checked after all stops are read: they may come later in the file.
    for (std::size_t i = 0; i < stops.rows_.size(); ++i) {
      row_reader r{stops, stops.rows_[i], errs_};
      auto const id = r.opt("stop_id");
      auto const parent = r.opt("parent_station");
      if (!id || !parent) {
        continue;
      }
      auto const it = stop_idx.find(*parent);
      if (it == stop_idx.end()) {
        r.fail("parent_station", "no stop with stop_id " + quote_value(*parent));
      } else if (it->second < feed_.stops_.size() && feed_.stops_[it->second].location_type_ != 1) {
        auto const self = stop_idx.find(*id);
        auto const lt = self != stop_idx.end() && self->second < feed_.stops_.size()
                            ? feed_.stops_[self->second].location_type_
                            : 0;
        if (lt <= 2) {  // stops, entrances and nodes need a station; boarding areas a platform
          r.fail("parent_station", quote_value(*parent) + " is not a station (location_type 1)");
        }
      }
    }

    // routes
    std::unordered_set<std::string> route_ids;
    for (auto const& row : routes.rows_) {
      row_reader r{routes, row, errs_};
      gtfs_route x;
      x.id_ = r.req("route_id");
      x.short_name_ = r.opt("route_short_name").value_or("");
      x.long_name_ = r.opt("route_long_name").value_or("");
      if (x.short_name_.empty() && x.long_name_.empty()) {
        r.fail("route_short_name", "route_short_name and route_long_name are both empty");
      }
      x.type_ = static_cast<int>(r.integer("route_type", 0, 1702, true).value_or(0));
      if (!x.id_.empty() && !route_ids.insert(x.id_).second) {
        r.fail("route_id", "duplicate route_id " + quote_value(x.id_));
      }
      if (r.ok()) {
        feed_.routes_.push_back(std::move(x));
      }
    }

    // calendar, calendar_dates
    std::unordered_set<std::string> services;
    for (auto const& row : calendar.rows_) {
      row_reader r{calendar, row, errs_};
      gtfs_calendar c;
      c.service_id_ = r.req("service_id");
      static constexpr char const* kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
      for (auto i = 0U; i < 7U; ++i) {
        if (r.integer(kDays[i], 0, 1, true).value_or(0) == 1) {
          c.weekdays_ = static_cast<std::uint8_t>(c.weekdays_ | (1U << i));
        }
      }
      auto const start = r.date("start_date");
      auto const end = r.date("end_date");
      if (start && end && *end < *start) {
        r.fail("end_date", "end_date is before start_date");
      }
      c.start_ = start.value_or(0);
      c.end_ = end.value_or(0);
      if (!c.service_id_.empty() && !services.insert(c.service_id_).second) {
        r.fail("service_id", "duplicate service_id " + quote_value(c.service_id_));
      }
      if (r.ok()) {
        feed_.calendars_.push_back(std::move(c));
      }
    }
    std::set<std::pair<std::string, day_t>> exception_days;
    for (auto const& row : calendar_dates.rows_) {
      row_reader r{calendar_dates, row, errs_};
      gtfs_calendar_date c;
      c.service_id_ = r.req("service_id");
      auto const day = r.date("date");
      c.day_ = day.value_or(0);
      c.added_ = r.integer("exception_type", 1, 2, true).value_or(1) == 1;
      if (day && !exception_days.emplace(c.service_id_, *day).second) {
        r.fail("date",
               "service " + quote_value(c.service_id_) + " has two exceptions on this date");
      }
      if (r.ok()) {
        services.insert(c.service_id_);
        feed_.calendar_dates_.push_back(std::move(c));
      }
    }

    // trips
    std::unordered_set<std::string> trip_ids;
    for (auto const& row : trips.rows_) {
      row_reader r{trips, row, errs_};
      gtfs_trip t;
      t.id_ = r.req("trip_id");
      t.route_id_ = r.req("route_id");
      t.service_id_ = r.req("service_id");
      t.headsign_ = r.opt("trip_headsign").value_or("");
      t.short_name_ = r.opt("trip_short_name").value_or("");
      if (!t.route_id_.empty() && !route_ids.contains(t.route_id_)) {
        r.fail("route_id", "no route with route_id " + quote_value(t.route_id_) + " in routes.txt");
      }
      if (!t.service_id_.empty() && !services.contains(t.service_id_)) {
        r.fail("service_id", "no service " + quote_value(t.service_id_) +
                                 " in calendar.txt or calendar_dates.txt");
      }
      if (!t.id_.empty() && !trip_ids.insert(t.id_).second) {
        r.fail("trip_id", "duplicate trip_id " + quote_value(t.id_));
      }
      if (r.ok()) {
        feed_.trips_.push_back(std::move(t));
      }
    }

    // stop_times: read, then group by trip and check order.
    struct st_row {
      gtfs_stop_time st_;
      std::size_t line_;
      bool has_arrival_, has_departure_;
    };
    std::vector<st_row> sts;
    sts.reserve(stop_times.rows_.size());
    for (auto const& row : stop_times.rows_) {
      row_reader r{stop_times, row, errs_};
      st_row x{};
      x.line_ = row.line_;
      x.st_.trip_id_ = r.req("trip_id");
      x.st_.stop_id_ = r.req("stop_id");
      x.st_.sequence_ =
          static_cast<std::uint32_t>(r.integer("stop_sequence", 0, 4294967295LL, true).value_or(0));
      auto const arr = r.time("arrival_time");
      auto const dep = r.time("departure_time");
      if (!arr && !dep) {
        // GTFS allows untimed intermediate stops (interpolated); zhitu routes on timed stops only.
        r.fail("arrival_time",
               "arrival_time and departure_time are both empty (untimed stops are "
               "not supported)");
      }
      x.st_.arrival_s_ = arr.value_or(dep.value_or(0));
      x.st_.departure_s_ = dep.value_or(arr.value_or(0));
      if (arr && dep && *dep < *arr) {
        r.fail("departure_time", "departure_time is before arrival_time");
      }
      if (!x.st_.trip_id_.empty() && !trip_ids.contains(x.st_.trip_id_)) {
        r.fail("trip_id", "no trip with trip_id " + quote_value(x.st_.trip_id_) + " in trips.txt");
      }
      if (!x.st_.stop_id_.empty()) {
        auto const it = stop_idx.find(x.st_.stop_id_);
        if (it == stop_idx.end()) {
          r.fail("stop_id",
                 "no stop with stop_id " + quote_value(x.st_.stop_id_) + " in stops.txt");
        } else if (it->second < feed_.stops_.size() &&
                   feed_.stops_[it->second].location_type_ != 0) {
          r.fail("stop_id", quote_value(x.st_.stop_id_) +
                                " is a station or entrance, not a stop (location_type 0)");
        }
      }
      if (r.ok()) {
        sts.push_back(std::move(x));
      }
    }
    std::stable_sort(sts.begin(), sts.end(), [](st_row const& a, st_row const& b) {
      return std::tie(a.st_.trip_id_, a.st_.sequence_) < std::tie(b.st_.trip_id_, b.st_.sequence_);
    });
    std::unordered_map<std::string, std::size_t> calls_per_trip;
    for (std::size_t i = 0; i < sts.size(); ++i) {
      ++calls_per_trip[sts[i].st_.trip_id_];
      if (i == 0 || sts[i - 1].st_.trip_id_ != sts[i].st_.trip_id_) {
        continue;
      }
      auto const& prev = sts[i - 1];
      auto const& cur = sts[i];
      if (prev.st_.sequence_ == cur.st_.sequence_) {
        errs_.add("stop_times.txt", cur.line_, "stop_sequence",
                  "trip " + quote_value(cur.st_.trip_id_) + " has stop_sequence " +
                      std::to_string(cur.st_.sequence_) + " twice (also line " +
                      std::to_string(prev.line_) + ")");
      } else if (cur.st_.arrival_s_ < prev.st_.departure_s_) {
        errs_.add("stop_times.txt", cur.line_, "arrival_time",
                  "trip " + quote_value(cur.st_.trip_id_) +
                      " arrives here before it left the previous stop "
                      "(line " +
                      std::to_string(prev.line_) + ")");
      }
    }
    for (auto const& t : feed_.trips_) {
      auto const n = calls_per_trip[t.id_];
      if (n < 2) {
        errs_.add("stop_times.txt", 0, "trip_id",
                  "trip " + quote_value(t.id_) + " has " + std::to_string(n) +
                      " stop times; needs 2 or more");
      }
    }
    feed_.stop_times_.reserve(sts.size());
    for (auto& x : sts) {
      feed_.stop_times_.push_back(std::move(x.st_));
    }

    // transfers
    for (auto const& row : transfers.rows_) {
      row_reader r{transfers, row, errs_};
      gtfs_transfer t;
      if (r.opt("from_trip_id") || r.opt("to_trip_id") || r.opt("from_route_id") ||
          r.opt("to_route_id")) {
        continue;  // trip- and route-specific transfers are not modelled (see timetable.h)
      }
      t.from_stop_id_ = r.req("from_stop_id");
      t.to_stop_id_ = r.req("to_stop_id");
      t.type_ = static_cast<int>(r.integer("transfer_type", 0, 5, false).value_or(0));
      t.min_transfer_s_ = static_cast<std::int32_t>(
          r.integer("min_transfer_time", 0, 86400, t.type_ == 2).value_or(-1));
      for (auto const* col : {"from_stop_id", "to_stop_id"}) {
        auto const v = r.opt(col);
        if (v && !stop_idx.contains(*v)) {
          r.fail(col, "no stop with stop_id " + quote_value(*v) + " in stops.txt");
        }
      }
      if (r.ok()) {
        feed_.transfers_.push_back(std::move(t));
      }
    }

    // areas
    std::unordered_map<std::string, std::size_t> area_idx;
    for (auto const& row : areas.rows_) {
      row_reader r{areas, row, errs_};
      gtfs_area a;
      a.id_ = r.req("area_id");
      a.name_ = r.opt("area_name").value_or(a.id_);
      if (!a.id_.empty() && area_idx.contains(a.id_)) {
        r.fail("area_id", "duplicate area_id " + quote_value(a.id_));
      }
      if (r.ok()) {
        area_idx.emplace(a.id_, feed_.areas_.size());
        feed_.areas_.push_back(std::move(a));
      }
    }
    for (auto const& row : stop_areas.rows_) {
      row_reader r{stop_areas, row, errs_};
      auto const area = r.req("area_id");
      auto const stop = r.req("stop_id");
      auto const it = area_idx.find(area);
      if (!area.empty() && it == area_idx.end()) {
        r.fail("area_id", "no area with area_id " + quote_value(area) + " in areas.txt");
      }
      if (!stop.empty() && !stop_idx.contains(stop)) {
        r.fail("stop_id", "no stop with stop_id " + quote_value(stop) + " in stops.txt");
      }
      if (r.ok()) {
        feed_.areas_[it->second].stop_ids_.push_back(stop);
      }
    }
  }
};

}  // namespace

gtfs_outcome read_gtfs_text(std::map<std::string, std::string> const& files,
                            std::size_t max_errors) {
  gtfs_outcome out;
  feed_reader r{files, error_sink{out.errors_, out.n_errors_, max_errors}, {}};
  r.run();
  if (out.n_errors_ == 0) {
    out.feed_ = std::move(r.feed_);
  }
  return out;
}

gtfs_outcome read_gtfs(std::filesystem::path const& dir, std::size_t max_errors) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    gtfs_outcome out;
    out.n_errors_ = 1;
    out.errors_.push_back({dir.string(), 0, std::nullopt, "", "not a GTFS feed directory"});
    return out;
  }
  for (auto const* name : {"stops.txt", "routes.txt", "trips.txt", "stop_times.txt", "calendar.txt",
                           "calendar_dates.txt", "transfers.txt", "areas.txt", "stop_areas.txt"}) {
    std::ifstream in{dir / name, std::ios::binary};
    if (!in) {
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    files.emplace(name, ss.str());
  }
  return read_gtfs_text(files, max_errors);
}

}  // namespace zhitu::transit
