#pragma once

#include <optional>

namespace waddle::domain {

// Issue 8: the CPU's "dirty upper vector state" and the one guard against it.
//
// Qt 6.4's seeded string hash (every QHash/QSet<QString> lookup, on CPUs with
// VAES) runs 256-bit AVX code and returns without `vzeroupper`, so the upper
// vector state stays in use. Our `double` math is compiled for the portable
// x86-64 baseline, i.e. legacy-SSE encoded; on Intel cores in that state every
// such instruction gets a false dependency on the whole register (plus a merge
// µop), and a loop of haversines ran ~10× slower for the rest of the thread.
// AMD Zen 4 pays less and not in every loop (up to 1.5× here, 2.3× when all
// the upper halves hold data). cpustate.cpp has the measurements and why this
// guard was chosen over AVX2 clones.

// Clears the upper halves of ymm0–ymm15 (`vzeroupper`) where the CPU and OS
// have AVX; does nothing elsewhere (no AVX, not x86-64). Call it at the entry
// of a hot numeric kernel, after any QString hashing the kernel itself does:
// everything after it runs at full speed until the next dirtying call. Costs a
// few nanoseconds; call per batch, not per element.
void clearUpperVectorState() noexcept;

// Whether the upper halves of ymm0–ymm15 are in use, as the CPU reports it
// (XGETBV with ECX = 1, "XINUSE", bit 2), or nothing when the CPU cannot tell
// (not x86-64, no XSAVE, no XGETBV-1, AVX state not enabled). For tests and
// benchmarks.
[[nodiscard]] std::optional<bool> upperVectorStateInUse() noexcept;

} // namespace waddle::domain
