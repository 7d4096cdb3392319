#include "vectorstate.h"

#include "domain/cpustate.h"

#include <QElapsedTimer>
#include <QSet>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

namespace waddle::bench {

namespace {

// The reduction: one insert and one lookup in a QSet<QString>. The set
// lives on, so that no free() runs between the hash and the timed kernel.
void qsetTrap()
{
    static QSet<QString> set;
    set.insert(u"de"_s);
    volatile bool found = set.contains(u"fr"_s);
    (void)found;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// Every ymm register's upper half set to ones (AVX2 `vpcmpeqb`), then back to
// the caller without `vzeroupper`: what a careless AVX routine can leave. No
// target("avx2") on purpose: GCC would end such a function with a
// `vzeroupper` of its own; the assembler takes the instructions anyway, and
// they run only where the CPU has AVX2.
__attribute__((noinline)) void setUppers()
{
    __asm__ volatile("vpcmpeqb %%ymm0, %%ymm0, %%ymm0\n\t"
                     "vpcmpeqb %%ymm1, %%ymm1, %%ymm1\n\t"
                     "vpcmpeqb %%ymm2, %%ymm2, %%ymm2\n\t"
                     "vpcmpeqb %%ymm3, %%ymm3, %%ymm3\n\t"
                     "vpcmpeqb %%ymm4, %%ymm4, %%ymm4\n\t"
                     "vpcmpeqb %%ymm5, %%ymm5, %%ymm5\n\t"
                     "vpcmpeqb %%ymm6, %%ymm6, %%ymm6\n\t"
                     "vpcmpeqb %%ymm7, %%ymm7, %%ymm7\n\t"
                     "vpcmpeqb %%ymm8, %%ymm8, %%ymm8\n\t"
                     "vpcmpeqb %%ymm9, %%ymm9, %%ymm9\n\t"
                     "vpcmpeqb %%ymm10, %%ymm10, %%ymm10\n\t"
                     "vpcmpeqb %%ymm11, %%ymm11, %%ymm11\n\t"
                     "vpcmpeqb %%ymm12, %%ymm12, %%ymm12\n\t"
                     "vpcmpeqb %%ymm13, %%ymm13, %%ymm13\n\t"
                     "vpcmpeqb %%ymm14, %%ymm14, %%ymm14\n\t"
                     "vpcmpeqb %%ymm15, %%ymm15, %%ymm15\n\t" ::
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                           "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
}

void uppersTrap()
{
    if (__builtin_cpu_supports("avx2"))
        setUppers();
}
#else
void uppersTrap()
{
    domain::clearUpperVectorState();
}
#endif

const char *stateText(std::optional<bool> inUse)
{
    if (!inUse)
        return "the CPU cannot tell";
    return *inUse ? "dirty" : "clean";
}

} // namespace

// Milliseconds of this thread's CPU time: on a small shared machine, wall
// time also counts the slices other programs get (under a load of 10 on two
// cores the same LTTB took 2.3–11 ms by the wall clock, 3.0–3.2 ms of CPU).
// On an idle core the two agree.
double threadCpuMs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
#else
    static QElapsedTimer clock;
    if (!clock.isValid())
        clock.start();
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
#endif
}

void enterState(VectorState state)
{
    switch (state) {
    case VectorState::Clean:
        domain::clearUpperVectorState();
        return;
    case VectorState::AfterQSet:
        qsetTrap();
        return;
    case VectorState::UppersSet:
        uppersTrap();
        return;
    }
}

StateTimes timeInStates(int runs, const std::function<void()> &work)
{
    StateTimes times;
    const auto once = [&work](VectorState state) {
        enterState(state);
        const double start = threadCpuMs();
        work();
        return threadCpuMs() - start;
    };
    for (int run = 0; run < runs; ++run) {
        times.clean.push_back(once(VectorState::Clean));
        times.afterQSet.push_back(once(VectorState::AfterQSet));
        times.uppersSet.push_back(once(VectorState::UppersSet));
    }
    return times;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

double minimum(const std::vector<double> &values)
{
    return values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
}

double printStates(const std::string &what, const StateTimes &times, int width)
{
    const double clean = median(times.clean);
    const double qset = median(times.afterQSet);
    const double uppers = median(times.uppersSet);
    const double qsetRatio = clean > 0.0 ? qset / clean : 0.0;
    const double uppersRatio = clean > 0.0 ? uppers / clean : 0.0;
    std::printf("%-*s clean %8.2f ms (min %7.2f) | after QSet %8.2f ms, ratio %.2f | "
                "ymm uppers set %8.2f ms, ratio %.2f\n",
                width, what.c_str(), clean, minimum(times.clean), qset, qsetRatio, uppers,
                uppersRatio);
    return qsetRatio;
}

void printTrapNote()
{
    enterState(VectorState::Clean);
    const std::optional<bool> clean = domain::upperVectorStateInUse();
    enterState(VectorState::AfterQSet);
    const std::optional<bool> afterQSet = domain::upperVectorStateInUse();
    enterState(VectorState::UppersSet);
    const std::optional<bool> uppersSet = domain::upperVectorStateInUse();
    enterState(VectorState::Clean);
    std::printf("Vector upper state (XINUSE bit 2): clean step %s, after QSet<QString> %s, after "
                "ymm uppers set %s. Medians of thread CPU time; ratio = state / clean, goal "
                "<= 1.2.\n",
                stateText(clean), stateText(afterQSet), stateText(uppersSet));
}

} // namespace waddle::bench
