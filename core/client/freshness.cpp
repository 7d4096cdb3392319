#include "freshness.h"

#include "session.h"

#include <QLocale>

namespace waddle::client {

Freshness::Freshness(const Session &session, std::chrono::milliseconds staleAfter, Clock clock,
                     QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_staleAfter(staleAfter)
    , m_clock(std::move(clock))
{
    m_timer.setInterval(kTickInterval);
    connect(&m_timer, &QTimer::timeout, this, &Freshness::tick);
    // A change of state is news at once, not at the next tick.
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, &Freshness::tick);
    connect(&m_session, &Session::stateChanged, &m_soon, qOverload<>(&QTimer::start));
    connect(&m_session, &Session::lastUpdateChanged, &m_soon, qOverload<>(&QTimer::start));
    connect(&m_session, &Session::serverChanged, &m_soon, qOverload<>(&QTimer::start));
    tick();
}

Freshness::~Freshness() = default;

QDateTime Freshness::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QDateTime Freshness::lastUpdate() const
{
    return m_session.lastUpdate();
}

QString Freshness::ageText() const
{
    return m_age;
}

QString Freshness::bannerText() const
{
    return m_banner;
}

void Freshness::setStaleAfter(std::chrono::milliseconds after)
{
    m_staleAfter = after;
    tick();
}

void Freshness::setTicking(bool ticking)
{
    if (ticking)
        m_timer.start();
    else
        m_timer.stop();
}

void Freshness::tick()
{
    m_soon.stop();
    const QDateTime at = now();
    const QDateTime last = m_session.lastUpdate();
    const bool hasData = m_session.server().isValid() && last.isValid();
    const bool silent = hasData && last.msecsTo(at) > static_cast<qint64>(m_staleAfter.count());
    const bool stale = hasData && (m_session.state() != Session::State::Connected || silent);
    const QString age = hasData ? Session::describeAge(last, at) : QString();

    QString banner;
    if (stale) {
        const QString time = QLocale().toString(last.toLocalTime().time(), QLocale::ShortFormat);
        QString why;
        switch (m_session.state()) {
        case Session::State::Connecting:
            why = tr("Not connected yet.");
            break;
        case Session::State::Reconnecting:
            why = tr("The server is not answering; reconnecting…");
            break;
        case Session::State::Offline:
            why = m_session.keyRefused() ? tr("The server refused the API key.")
                                         : tr("The server cannot be reached.");
            break;
        case Session::State::Connected:
            why = tr("Nothing has come from the server for a while.");
            break;
        }
        banner = tr("%1 Last update %2 (%3): what you see may be out of date.").arg(why, time, age);
    }

    const bool staleChangedNow = stale != m_stale;
    const bool wordsChanged = age != m_age || banner != m_banner;
    m_stale = stale;
    m_age = age;
    m_banner = banner;
    if (staleChangedNow)
        Q_EMIT staleChanged(stale);
    if (wordsChanged)
        Q_EMIT ageChanged(age);
}

} // namespace waddle::client
