#pragma once

#include "client/latencyresult.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

namespace waddle::client {

class LatencyProber;

// The latency panel's table (SPEC §4, seed 000 LatencyTestResults): one row
// per region, filled live from the prober and from the cache.
//
// Rows do not jump (SPEC §14, Mumble): during a test they keep their order
// and only their cells change; the table is sorted by average once, when the
// test ends (and when cached results arrive outside a test). A proxy can sort
// by SortRole at any time. Regions whose [min, max] ranges overlap share a
// rank, shown "=1" (domain::rankWithTies); rows still being tested have none.
class LatencyResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyResultsModel)

public:
    enum Column
    {
        RegionColumn,
        QualityColumn, // "excellent" … "unreachable"; QualityRole for the shape
        AverageColumn, // ms, 0 dp
        MedianColumn,  // ms, 0 dp (peers show the median first: GCPing, Mumble)
        P95Column,     // ms, 0 dp
        JitterColumn,  // ms, 1 dp (seed 000: mean |Δ|)
        LossColumn,    // %, 1 dp
        ConnectColumn, // connection set-up, ms, 0 dp; "—" where there is none (STUN)
        RangeColumn,   // "min–max"; MinRole/AverageRole/MaxRole for a bar
        SamplesColumn, // "received/sent"
        ModeColumn,    // "HTTP", "TCP", "STUN": how the row was measured
        RankColumn,    // "1", "=1" for ties
        AgeColumn,     // "just now", "3 min ago"
        ColumnCount
    };
    Q_ENUM(Column)

    // Served on every column of a row, except SortRole which is per column.
    // Figures are invalid QVariants while there is no reply to base them on.
    enum Role
    {
        CodeRole = Qt::UserRole + 1,
        QualityRole, // int of domain::LatencyQuality
        AverageRole, // double ms
        MinRole,
        MaxRole,
        MedianRole,
        P95Role,
        JitterRole,
        LossRole,    // double %
        ConnectRole, // double ms
        ReceivedRole,
        SentRole,
        RankRole,       // int, 1-based
        TiedRole,       // bool: shares its rank
        TestingRole,    // bool: being measured now
        CachedRole,     // bool: from the cache, not this session's test
        MeasuredAtRole, // QDateTime UTC
        ModeRole,       // int of ProbeMode; invalid while not known
        SortRole        // numbers as numbers (SPEC §14)
    };
    Q_ENUM(Role)

    explicit LatencyResultsModel(QObject *parent = nullptr);
    ~LatencyResultsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Results from the cache (SPEC §4: 5 minutes), each marked cached with
    // its age relative to `now`. A region being tested keeps its live row.
    void setCachedResults(const QList<waddle::client::LatencyResult> &results,
                          const QDateTime &now);
    // Display names by region code; a code without one is shown as is.
    void setRegionNames(const QHash<QString, QString> &names);
    // The time ages are counted to; refreshes the Age column.
    void setNow(const QDateTime &now);
    void clear();

    [[nodiscard]] bool testing() const;
    [[nodiscard]] const LatencyResult *result(int row) const; // nullptr when out of range
    [[nodiscard]] int rowOf(QStringView code) const;          // −1 when not listed
    [[nodiscard]] QList<LatencyResult> results() const;

    // The table for copy/export (SPEC §14, GCPing #179): RFC 4180 (CRLF,
    // quotes doubled), '.' as decimal point whatever the locale, figures in
    // their own columns (Range and Samples split) and the time measured in
    // ISO 8601 UTC instead of an age. Rank is a plain number with a separate
    // Tied column, since "=1" would be read as a formula by spreadsheets.
    [[nodiscard]] QString toCsv() const;
    // The same with the rows in this order of source rows (the order a view
    // shows them in); rows not listed are left out.
    [[nodiscard]] QString toCsv(const QList<int> &rowOrder) const;

    static QString qualityText(domain::LatencyQuality quality);
    // "HTTP", "TCP", "STUN".
    static QString modeText(ProbeMode mode);

    // The mode of the next test to start, when whoever starts it knows: its
    // rows then say their mode (and hide a connect time where the mode has
    // no connection) from the first sample on. Without it, a row's mode is
    // known when the region finishes.
    void expectMode(ProbeMode mode);

    // Feeds the model from a prober's signals (started, connected, samples,
    // finished regions, end of the test). Idempotent: screens that share the
    // model and the prober may each ask, and every update still arrives once.
    void follow(LatencyProber *prober);

public Q_SLOTS:
    // A test began for these regions: their rows (added where missing) show
    // "testing…" and lose their old figures.
    void onStarted(const QStringList &codes);
    void onConnected(const QString &code, double connectMs);
    // A sample was sent, answered or lost (matched by sequence): the row's
    // statistics are recomputed at once.
    void onSample(const QString &code, const waddle::domain::LatencySample &sample);
    void onRegionFinished(const waddle::client::LatencyResult &result);
    // The whole test is over (or cancelled): rows still testing keep what
    // they have. Called by itself when the last region finishes.
    void onFinished();

Q_SIGNALS:
    void testingChanged(bool testing);

private:
    struct Row
    {
        LatencyResult result;
        bool testing = false;
        bool cached = false;
        bool modeKnown = true; // false while a test of an unknown mode runs
        int rank = 0;          // 0: none
        bool tied = false;
    };

    [[nodiscard]] QString regionName(const QString &code) const;
    [[nodiscard]] QString ageText(const Row &row) const;
    [[nodiscard]] QVariant display(const Row &row, Column column) const;
    [[nodiscard]] QVariant sortKey(const Row &row, Column column) const;
    [[nodiscard]] QVariant toolTip(const Row &row, Column column) const;
    int ensureRow(const QString &code);
    void appendRows(const QList<Row> &rows);
    void setTesting(bool testing);
    void updateRanks();
    void sortRows();
    void notifyRowChanged(int row, const QList<int> &columns, const QList<int> &rowRoles);
    void notifyWholeRow(int row);

    QList<Row> m_rows;
    QHash<QString, QString> m_names;
    QDateTime m_now;
    std::optional<ProbeMode> m_expectedMode;
    bool m_testing = false;
};

} // namespace waddle::client
