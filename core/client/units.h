#pragma once

#include <QString>

namespace waddle::client {

// One number format per unit across the app (issue 10): every screen and
// model shows milliseconds and rates through these, so "6.2" in the latency
// table reads "6.2 ms" in the details panel and the waddle settings. A value
// below 10 keeps one decimal (a few milliseconds differ meaningfully), larger
// ones are whole. Numbers follow the user's locale; CSV has its own format.

// The figure alone, for a column whose header carries the unit: "4.2", "183".
QString millisecondsNumber(double milliseconds);
// With the unit, for labels and sentences: "4.2 ms", "183 ms".
QString formatMilliseconds(double milliseconds);
// A percentage (0…100) alone: "0.4", "12"; and with the sign: "0.4%", "12%".
QString percentNumber(double percent);
QString formatPercentValue(double percent);

} // namespace waddle::client
