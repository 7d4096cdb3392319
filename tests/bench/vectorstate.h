#pragma once

// Shared by every benchmark (issue 8): time a kernel in a clean vector state
// and right after the trap that used to make our double math ~10× slower, a
// QSet<QString> insert + contains (Qt 6.4's seeded string hash leaves the
// upper halves of the ymm registers dirty), and print both with the ratio.
//
// A third state, "ymm uppers set", fills the upper halves of ymm0–ymm15 with
// ones by hand (the inline `vpcmpeqb`): the worst the trap can leave,
// and the one that still shows on CPUs that pay per register (AMD Zen 4) when
// Qt's hash happens to leave the registers our code uses alone.

#include <functional>
#include <string>
#include <vector>

namespace waddle::bench {

enum class VectorState
{
    Clean,     // vzeroupper (where the CPU has AVX)
    AfterQSet, // QSet<QString>::insert + contains, the trap
    UppersSet, // ymm0–ymm15 upper halves all ones (needs AVX2; else = Clean)
};

// Puts this thread's vector registers in `state`; the last thing to call
// before the timer starts.
void enterState(VectorState state);

struct StateTimes
{
    std::vector<double> clean;     // ms per run
    std::vector<double> afterQSet; // ms per run
    std::vector<double> uppersSet; // ms per run
};

// Runs `work` `runs` times in each state, interleaved (clean, after QSet,
// uppers set, clean, …) so that load from other programs on a shared machine
// falls on all three alike. Times are this thread's CPU time, in ms (wall
// time on an idle core; vectorstate.cpp says why).
StateTimes timeInStates(int runs, const std::function<void()> &work);

// This thread's CPU time in ms, for timing one run by hand.
double threadCpuMs();

double median(std::vector<double> values);
double minimum(const std::vector<double> &values);

// One line: "<what>  clean … | after QSet … (×ratio) | ymm uppers set … (×ratio)",
// medians in ms, ratios against clean. Returns the "after QSet / clean" ratio.
double printStates(const std::string &what, const StateTimes &times, int width = 40);

// Once per program: what the trap does to this CPU's state (XINUSE), so a
// reader knows whether "after QSet" really ran dirty here.
void printTrapNote();

} // namespace waddle::bench
