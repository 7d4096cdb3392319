#pragma once

#include "clock.h"
#include "controlplane/store/database.h"
#include "eventhub.h"
#include "timer.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace waddle::cp {

// Several control planes on one PostgreSQL store (issue 16). All of them
// serve reads and writes; exactly one, the leader, runs the background work
// (health loop, optimiser, failover and migration runners, alert evaluation,
// the demo's live usage): the holder of a PostgreSQL session advisory lock
// on this service's own connection. The lock goes with the session, so a
// leader that dies (kill -9: its socket closes) or loses its connection
// frees it, and another instance takes it at its next tick (one health
// interval). The same connection LISTENs for the other instances' events and
// NOTIFYs this one's (EventHub's relay), and records this instance in
// cluster_instances for GET /api/v1/cluster.
//
// On SQLite (one control plane per store) this instance is the leader from
// start() on, and there is nobody to tell.
class ClusterService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterService)

public:
    struct Instance
    {
        QString id;
        QString address;
        QDateTime startedAt;
        QDateTime lastSeen;
        bool leader = false;
    };
    struct View
    {
        QString self;
        QString leader; // empty while nobody holds the lock
        QDateTime since;
        QList<Instance> instances; // seen within three ticks, oldest first
    };

    // `location`: the store's (Database::path()).
    ClusterService(QString location, int intervalMs, EventHub &events,
                   Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~ClusterService() override;

    // `address`: this instance's base URL, as the others may reach it.
    void start(const QString &address);
    void stop();

    [[nodiscard]] bool isLeader() const { return m_leader; }
    [[nodiscard]] const QString &selfId() const { return m_self; }
    [[nodiscard]] bool shared() const { return m_shared; }
    [[nodiscard]] StoreResult<View> view() const;

    // One round now (tests; the timer calls it every interval).
    void tick();

    // Longest event a NOTIFY carries (PostgreSQL: under 8000 bytes); longer
    // ones reach this instance's clients only.
    static constexpr qsizetype kMaxRelayedBytes = 7900;

Q_SIGNALS:
    void leadershipChanged(bool leader);
    // After every tick, leader or not.
    void ticked(bool leader);

private:
    void round();
    [[nodiscard]] bool connectStore();
    void dropConnection();
    void setLeader(bool leader);
    void record();
    void relay(const QByteArray &message, EventHub::Audience audience);

    QString m_location;
    QString m_address;
    int m_intervalMs;
    EventHub &m_events;
    Clock &m_clock;
    QString m_self;
    bool m_shared = false; // PostgreSQL
    QDateTime m_startedAt;
    QDateTime m_since;
    bool m_leader = false;
    std::unique_ptr<Database> m_database; // the lock's session
    qint32 m_schemaKey = 0;               // the lock's second key (PostgreSQL)
    QString m_channel;                    // this store's NOTIFY channel
    std::unique_ptr<Timer> m_timer;
};

} // namespace waddle::cp
