#pragma once

#include "apiclient.h"
#include "domain/analytics/alert.h"
#include "domain/regionalert.h"

#include <QAbstractTableModel>
#include <QCoroTask>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <optional>

namespace waddle::client {

class LiveEvents;

// The alerts an SRE watches (issue 13): the region status alerts of GET
// /alerts and, when a project is set, that project's analytics triggers, in
// one table, newest first. Live: an "alert" event from the stream fetches
// again (one fetch at a time, one more if events came meanwhile); while the
// stream is down the lists are polled. Acknowledging goes to the server
// (status alerts: operator role; triggers: analyst) and the row follows its
// answer. Grouped as the server groups them: status alerts by region,
// triggers by project and severity (its notification groups, issue 12).
class AlertsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsModel)

public:
    enum class Source
    {
        Status,
        Trigger
    };

    enum Column
    {
        SeverityColumn,
        GroupColumn,
        TitleColumn,
        StateColumn,
        TimeColumn,
        ColumnCount
    };

    enum Role
    {
        SeverityRole = Qt::UserRole + 1, // domain::Severity as int
        RegionRole,                      // region code; empty for a trigger
        OpenRole,                        // bool: neither acknowledged nor resolved
        StateNameRole,                   // "open", "acknowledged", "resolved"
        SourceRole,                      // Source as int
        IdRole,
        GroupRole, // the group's key (status: the region; trigger: project/severity)
        TimeRole   // QDateTime, UTC
    };

    struct Entry
    {
        Source source = Source::Status;
        QString id;
        QString region;  // status alerts
        QString project; // triggers
        domain::Severity severity = domain::Severity::Info;
        QString title;
        QString description;
        QDateTime createdAt;
        std::optional<QDateTime> acknowledgedAt;
        bool resolved = false;

        [[nodiscard]] bool isOpen() const { return !acknowledgedAt && !resolved; }
        [[nodiscard]] QString stateName() const;
        [[nodiscard]] QString groupKey() const;

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    static Entry fromAlert(const domain::RegionAlert &alert);
    static Entry fromTrigger(const domain::AlertTrigger &trigger);

    // How many of each list a refresh fetches (the newest).
    static constexpr int kRecentAlerts = 100;
    static constexpr int kRecentTriggers = 50;

    explicit AlertsModel(ApiClient &api, QObject *parent = nullptr);
    ~AlertsModel() override;

    void setLiveEvents(LiveEvents *events);
    // Polling while the stream is down (and always for the triggers, which
    // have no event of their own).
    void setPollInterval(std::chrono::milliseconds interval);
    // The analytics project whose triggers are shown; empty: none.
    void setProject(const QString &projectId);
    [[nodiscard]] const QString &project() const { return m_project; }

    // Fetches both lists and replaces the rows with them (while a fetch is
    // in flight, asks it to fetch once more and answers true). False (and
    // refreshFailed) when the status alerts could not be read; triggers a
    // key may not read (403) are left out without failing.
    QCoro::Task<bool> refresh();
    // Acknowledges the alert of `row`; its row changes on success,
    // acknowledgeFailed says why otherwise (nothing changed).
    QCoro::Task<bool> acknowledge(int row);

    [[nodiscard]] const Entry *entry(int row) const;
    [[nodiscard]] int rowOf(Source source, const QString &id) const;
    [[nodiscard]] int openCount() const;
    // The most severe open alert's severity, if any is open.
    [[nodiscard]] std::optional<domain::Severity> worstOpen() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] bool hasLoaded() const { return m_loaded; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void refreshed();
    void refreshFailed(const QString &message);
    // An open alert seen for the first time after the first load (the tray
    // notifies the critical ones).
    void alertArrived(const waddle::client::AlertsModel::Entry &entry);
    void acknowledged(int row);
    void acknowledgeFailed(const QString &message);

private:
    void setEntries(QList<Entry> entries);
    void onAlertEvent();
    void onPoll();

    ApiClient &m_api;
    LiveEvents *m_events = nullptr;
    QString m_project;
    QList<Entry> m_entries; // newest first
    QSet<QString> m_seen;   // source-qualified ids ever shown
    QTimer m_poll;
    QString m_lastError;
    bool m_loaded = false;
    bool m_fetching = false;
    bool m_fetchAgain = false;
};

// The severity in words a person reads ("Critical", "Warning", ...).
QString severityText(domain::Severity severity);

} // namespace waddle::client
