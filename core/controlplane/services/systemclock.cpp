#include "systemclock.h"

#include <QTimer>

namespace waddle::cp {

namespace {

// A QTimer behind the Timer interface; lives on the thread that made it.
class QtTimer final : public Timer
{
public:
    explicit QtTimer(std::function<void()> tick)
    {
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, std::move(tick));
    }
    void start(int intervalMs) override { m_timer.start(intervalMs); }
    void stop() override { m_timer.stop(); }
    [[nodiscard]] bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
};

} // namespace

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

std::unique_ptr<Timer> SystemClock::createTimer(std::function<void()> tick)
{
    return std::make_unique<QtTimer>(std::move(tick));
}

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace waddle::cp
