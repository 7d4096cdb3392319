#include "domain/cpustate.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define WADDLE_X86_64_VECTOR_STATE 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace waddle::domain {

// Why `vzeroupper` at kernel entry and not the alternatives (issue 8).
//
// Measured with tests/bench (Release, medians of thread CPU time) on the
// build machine, an AMD EPYC Zen 4 (family 25, model 17) under KVM. The issue
// was filed from an Intel Xeon with AVX-512, where 341,400 haversines took
// 17 ms clean and ~190 ms after one QSet<QString> lookup; Zen 4 pays less and
// not everywhere, so these are the figures this machine can show:
//
//   kernel (before → after this guard)    clean    after QSet    ymm uppers set
//   LTTB 1M QPointF → 2k                  2.2 ms   1.53× → 1.00   2.26× → 0.99
//   score 6,828 places × 50 regions       15.9 ms  1.07× → 1.00   1.56× → 1.00
//   recommendation, 1M members whole      33.6 ms  0.99× → 1.00   1.28× → 0.99
//   the same scoring on the control plane thread "as found" after it served
//   HTTP requests: 25.0 ms before (state dirty), 15.9–17.3 ms after.
//
// - Function multiversioning (`target_clones("avx2", "default")`) only helps
//   code compiled inside the clone. On copies of the kernels: LTTB after QSet
//   1.50× → 1.01× (as good as `vzeroupper`), but a haversine kernel cloned
//   without its out-of-line helper still paid (1.02–1.05× here), and libm's
//   sin/asin/sqrt are never cloned. Every helper a kernel calls would need the
//   attribute too, each clone doubles the function and adds an ifunc
//   resolver, and the next helper someone adds would quietly bring it back.
// - `vzeroupper` once at kernel entry makes everything after it clean, libm
//   included, until the next dirtying call, and leaves the code (and its
//   results, bit for bit: tests/domain/tst_cpustate) the baseline x86-64 one.
//   It costs ~2.5 ns a call, so it goes at the entry of a batch, never per element
//   (per point in domain::project(), ~30 ns each, it cost 3–10 %).
//   Where a kernel itself hashes QStrings in its loop, the lookup moved out of
//   the loop (routing) or before the guard (failover).
// - Avoiding Qt's string hash altogether is not possible: any QHash<QString>
//   earlier on the thread, Qt's own included, leaves the state dirty.

#if defined(WADDLE_X86_64_VECTOR_STATE)

namespace {

// Compiled for AVX so that the compiler accepts the intrinsic; only called
// after the run-time check, so the program still runs on CPUs without AVX.
__attribute__((target("avx"))) void zeroUpper() noexcept
{
    _mm256_zeroupper();
}

// libgcc's check covers the OS side too: AVX counts only when the OS saves
// the YMM state (OSXSAVE and XCR0 bits 1–2).
bool hasAvx() noexcept
{
    return __builtin_cpu_supports("avx");
}

unsigned long long xgetbv(unsigned int index) noexcept
{
    unsigned int low = 0;
    unsigned int high = 0;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(index));
    return (static_cast<unsigned long long>(high) << 32) | low;
}

// XGETBV with ECX = 1 (XINUSE) exists when CPUID.1:ECX.OSXSAVE[27] and
// CPUID.(EAX=0DH, ECX=1):EAX[2] are set; bit 2 means something only when the
// OS enabled the AVX state (XCR0 bit 2).
bool canReadXinuse() noexcept
{
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & (1U << 27)))
        return false;
    if (__get_cpuid_max(0, nullptr) < 0x0d)
        return false;
    __cpuid_count(0x0d, 1, eax, ebx, ecx, edx);
    if (!(eax & (1U << 2)))
        return false;
    return (xgetbv(0) & 0x6) == 0x6;
}

} // namespace

void clearUpperVectorState() noexcept
{
    if (hasAvx())
        zeroUpper();
}

std::optional<bool> upperVectorStateInUse() noexcept
{
    static const bool readable = canReadXinuse();
    if (!readable)
        return std::nullopt;
    return (xgetbv(1) & (1ULL << 2)) != 0;
}

#else

void clearUpperVectorState() noexcept {}

std::optional<bool> upperVectorStateInUse() noexcept
{
    return std::nullopt;
}

#endif

} // namespace waddle::domain
