#include "seededrandom.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace waddle::sim {

SeededRandom::SeededRandom(quint64 seed)
    : m_engine(seed)
{}

quint64 SeededRandom::derive(quint64 seed, quint64 stream)
{
    // SplitMix64 (Steele, Lea, Flood 2014) over seed and stream.
    quint64 z = seed + (stream + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double SeededRandom::uniform()
{
    // The top 53 bits fill a double's mantissa exactly.
    return static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
}

double SeededRandom::uniform(double low, double high)
{
    return low + (high - low) * uniform();
}

qint64 SeededRandom::uniformInt(qint64 low, qint64 high)
{
    if (high <= low)
        return low;
    const quint64 span = static_cast<quint64>(high - low) + 1;
    // Rejection keeps every value equally likely.
    const quint64 limit =
        std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % span;
    quint64 x = m_engine();
    while (x >= limit)
        x = m_engine();
    return low + static_cast<qint64>(x % span);
}

bool SeededRandom::chance(double p)
{
    return uniform() < p;
}

double SeededRandom::normal(double mean, double sd)
{
    // 1 − uniform() is in (0, 1], so the logarithm is finite.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    return mean + sd * z;
}

double SeededRandom::logUniform(double low, double high)
{
    return low * std::exp(uniform() * std::log(high / low));
}

qsizetype SeededRandom::weightedIndex(const QList<double> &cumulative)
{
    if (cumulative.isEmpty())
        return -1;
    const double target = uniform() * cumulative.last();
    const auto it = std::upper_bound(cumulative.cbegin(), cumulative.cend(), target);
    return std::min<qsizetype>(it - cumulative.cbegin(), cumulative.size() - 1);
}

} // namespace waddle::sim
