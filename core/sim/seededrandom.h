#pragma once

#include <QList>
#include <QtGlobal>

#include <random>

namespace waddle::sim {

// A seeded source of random draws that gives the same numbers with every
// standard library: std::mt19937_64 is fully specified, but
// std::uniform_*_distribution and std::normal_distribution are not, so the
// draws are made here. Demo data must be identical for a seed everywhere, and
// an agent's jitter must replay in tests.
class SeededRandom
{
public:
    explicit SeededRandom(quint64 seed);

    // A well-mixed seed for stream `stream` of `seed` (SplitMix64), so that
    // agents and waddles drawn from one seed do not share sequences.
    static quint64 derive(quint64 seed, quint64 stream);

    // Uniform in [0, 1), 53 bits.
    double uniform();
    // Uniform in [low, high).
    double uniform(double low, double high);
    // Uniform whole number in [low, high], both included.
    qint64 uniformInt(qint64 low, qint64 high);
    // True with probability p.
    bool chance(double p);
    // Normal by the Box–Muller transform.
    double normal(double mean = 0.0, double sd = 1.0);
    // Log-uniform in [low, high): long-tailed sizes such as member counts.
    double logUniform(double low, double high);
    // An index drawn with probability proportional to its weight, given the
    // running sums of the weights (cumulative.last() is the total).
    qsizetype weightedIndex(const QList<double> &cumulative);

private:
    std::mt19937_64 m_engine;
};

} // namespace waddle::sim
