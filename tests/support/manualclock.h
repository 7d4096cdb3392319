#pragma once

#include "controlplane/services/clock.h"

#include <QList>

namespace waddle::test {

// A clock the test moves by hand: now() stands still until advance(), which
// fires every started timer as often as its interval fits, in time order. An
// hour of health checks runs in milliseconds.
class ManualClock final : public cp::Clock
{
public:
    explicit ManualClock(QDateTime start);
    ~ManualClock() override;
    ManualClock(const ManualClock &) = delete;
    ManualClock &operator=(const ManualClock &) = delete;
    ManualClock(ManualClock &&) = delete;
    ManualClock &operator=(ManualClock &&) = delete;

    [[nodiscard]] QDateTime now() const override { return m_now; }
    [[nodiscard]] std::unique_ptr<cp::Timer> createTimer(std::function<void()> tick) override;

    void setNow(const QDateTime &now) { m_now = now; }
    void advance(qint64 ms);

private:
    class ManualTimer;
    friend class ManualTimer;

    QDateTime m_now;
    QList<ManualTimer *> m_timers;
};

} // namespace waddle::test
