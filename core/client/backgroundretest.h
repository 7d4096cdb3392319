#pragma once

#include "latencyresult.h"

#include <QObject>
#include <QTimer>

#include <array>
#include <chrono>
#include <optional>

namespace waddle::client {

class LatencyProber;

// Background latency re-tests (issue 13): every N minutes (off by default)
// it asks for a test of every region — unless one is running — and it
// watches every finished test, background or not, for the region fastest
// from this computer; when that changes it says so (the window turns it
// into a desktop notification).
class BackgroundRetest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundRetest)

public:
    // The choices the settings offer, in minutes; 0 is off.
    static constexpr std::array<int, 5> kChoices{0, 5, 15, 30, 60};

    // `minute` is how long a minute lasts (tests shorten it).
    explicit BackgroundRetest(LatencyProber &prober,
                              std::chrono::milliseconds minute = std::chrono::minutes(1),
                              QObject *parent = nullptr);

    void setIntervalMinutes(int minutes); // ≤ 0: off
    [[nodiscard]] int intervalMinutes() const { return m_minutes; }
    [[nodiscard]] bool isActive() const { return m_timer.isActive(); }

    // The region with the lowest median among those that answered (no
    // error, not unreachable, at least one reply); ties go to the first.
    struct Fastest
    {
        QString regionCode;
        double medianMs = 0.0;
    };
    [[nodiscard]] static std::optional<Fastest> fastest(const QList<LatencyResult> &results);
    [[nodiscard]] std::optional<Fastest> currentFastest() const { return m_fastest; }

    // A finished test's results (connected to the prober; public for tests).
    void takeResults(const QList<LatencyResult> &results);

Q_SIGNALS:
    // Time for a re-test: the owner starts it the way the user would.
    void retestDue();
    // The fastest region is another one than after the last test with one.
    void fastestChanged(const QString &fromCode, double fromMs, const QString &toCode, double toMs);

private:
    LatencyProber &m_prober;
    std::chrono::milliseconds m_minute;
    int m_minutes = 0;
    QTimer m_timer;
    std::optional<Fastest> m_fastest;
};

} // namespace waddle::client
