#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>

namespace waddle::client {

class Session;

// Whether what the screens show is live or stale, and how old it is — one
// answer and one wording for every place that says it (the banner, the
// status bar, the map's markers; issue 10, SPEC §13). The data is stale
// while the session is not connected (calls fail, or the app opened on the
// cache), or when nothing came from the server for longer than one
// poll/heartbeat interval. Time comes from an injected clock and is looked
// at on every tick(): a one-second timer drives it in the app, tests drive
// it by hand.
class Freshness final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Freshness)

public:
    using Clock = std::function<QDateTime()>;

    // `session` outlives this. Without a clock, the system's UTC time.
    Freshness(const Session &session, std::chrono::milliseconds staleAfter, Clock clock = {},
              QObject *parent = nullptr);
    ~Freshness() override;

    static constexpr std::chrono::milliseconds kTickInterval{1000};

    [[nodiscard]] bool isStale() const { return m_stale; }
    // When the shown data last came from the server (or the cache).
    [[nodiscard]] QDateTime lastUpdate() const;
    // "just now", "3 min ago" (Session::describeAge); empty with no data.
    [[nodiscard]] QString ageText() const;
    // The banner's words while stale: what is wrong, and how old the data
    // is; empty while fresh.
    [[nodiscard]] QString bannerText() const;

    [[nodiscard]] std::chrono::milliseconds staleAfter() const { return m_staleAfter; }
    void setStaleAfter(std::chrono::milliseconds after);

    // Starts or stops the one-second timer that calls tick().
    void setTicking(bool ticking);
    // Looks at the clock and the session again; staleChanged / ageChanged
    // when they changed. The session's own changes are looked at on the
    // next turn of the event loop (one call changes its state and its time
    // one after the other: no flicker in between).
    void tick();

Q_SIGNALS:
    void staleChanged(bool stale);
    // ageText() (or bannerText()) says something else now.
    void ageChanged(const QString &age);

private:
    [[nodiscard]] QDateTime now() const;

    const Session &m_session;
    std::chrono::milliseconds m_staleAfter;
    Clock m_clock;
    QTimer m_timer;
    QTimer m_soon; // the session's signals, gathered into one look
    bool m_stale = false;
    QString m_age;
    QString m_banner;
};

} // namespace waddle::client
