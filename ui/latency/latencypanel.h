#pragma once

#include "client/latencyresult.h"
#include "ui/common/services.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace waddle::ui {

class LatencyDelegate;
class LatencyHistoryChart;
class LatencyProxyModel;

// The Latency screen (SPEC §4, issue 5, seed 000 LatencyTestResults): test
// every region at once and watch the rows fill in live, sorted by average,
// with quality by marker and word, a min–max bar, loss, jitter, connect time
// and ties; the last results from the cache (dimmed, with their age) until a
// test is run; a selected region's history below; copy and CSV export
// (SPEC §14). The widget only binds and formats: the figures come from
// services.latency, which this panel feeds from services.prober.
class LatencyPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyPanel)

public:
    // How often the Age column is brought up to date.
    static constexpr std::chrono::seconds kAgeRefreshInterval{30};
    // Earlier tests drawn in the history chart.
    static constexpr int kHistoryLength = 50;
    static constexpr int kMinSamples = 1;
    static constexpr int kMaxSamples = 50;

    // `services` must hold api or session (for the server), prober, regions
    // and latency; cache may be null.
    explicit LatencyPanel(Services &services, QWidget *parent = nullptr);
    ~LatencyPanel() override;

    [[nodiscard]] bool isTesting() const;
    [[nodiscard]] client::ProbeMode mode() const;
    void setMode(client::ProbeMode mode);
    [[nodiscard]] int samples() const;
    void setSamples(int samples);

    // The plain sentence under the top bar: what happened last.
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool statusIsProblem() const;

    // Writes the table as CSV (LatencyResultsModel::toCsv) to `path` with
    // QSaveFile; false, and the reason in the status line, when it cannot.
    bool exportCsv(const QString &path);

    // The clock ages and cache look-ups are counted from (tests); by default
    // the current UTC time.
    void setClock(std::function<QDateTime()> clock);

    [[nodiscard]] QTableView *table() const;
    [[nodiscard]] QSortFilterProxyModel *proxy() const;
    [[nodiscard]] QPushButton *testButton() const;
    // Test All Regions (Ctrl+T): the one owner of that shortcut. The main
    // window puts this same action in its Tools menu, so the key works from
    // every screen and is never claimed twice.
    [[nodiscard]] QAction *testAction() const;
    [[nodiscard]] QAction *copyAction() const;
    [[nodiscard]] QAction *exportAction() const;
    [[nodiscard]] QComboBox *modeSelector() const;
    [[nodiscard]] QSpinBox *samplesBox() const;
    [[nodiscard]] QProgressBar *progressBar() const;
    // "No test run yet — …", shown over the table while it has no rows.
    [[nodiscard]] QLabel *emptyStateLabel() const;
    // The table as CSV, rows in the order shown (what Copy and Export write).
    [[nodiscard]] QString csv() const;
    [[nodiscard]] LatencyHistoryChart *historyChart() const;
    [[nodiscard]] QString selectedRegion() const;

public Q_SLOTS:
    // Tests every region with the chosen mode and sample count; the regions
    // that cannot be tested (offline, no STUN, …) are listed with why.
    void testAll();
    void cancel();
    // Ctrl+C: the whole table as CSV on the clipboard.
    void copyToClipboard();
    // Ctrl+E: asks where (a window-modal dialog, no nested event loop), then
    // exportCsv().
    void exportInteractively();
    // The cached results of this server and mode, if the table has none of
    // its own (on show, on a change of server or mode).
    void reloadCached();
    void refreshAges();

Q_SIGNALS:
    void testingChanged(bool testing);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void wireProber();
    void onStarted(const QStringList &codes);
    void onProgress(int done, int total);
    void onFinished(const QList<waddle::client::LatencyResult> &results);
    void onCancelled();
    void setTesting(bool testing);
    void updateTestButton();
    void updateModes();
    void updateRegionNames();
    void updateColumnWidths();
    void updateHistory();
    void onModeChanged();
    void onServerChanged();
    void setStatus(const QString &text, bool problem = false);
    void setProgressIdle();
    [[nodiscard]] QUrl server() const;
    [[nodiscard]] QDateTime now() const;
    [[nodiscard]] QString howText(client::ProbeMode probeMode, int samples) const;
    QString adoptSettingsOf(const QList<waddle::client::LatencyResult> &results);
    void noteSamplesChange(int samples);
    void updateEmptyState();
    void fitAgeColumn();
    [[nodiscard]] QString progressText(int done, int total) const;
    void saveToCache(const QList<waddle::client::LatencyResult> &results);
    [[nodiscard]] QString finishedSummary(const QList<waddle::client::LatencyResult> &results,
                                          bool *problem) const;

    Services m_services;
    std::function<QDateTime()> m_clock;
    bool m_testing = false;
    bool m_statusIsProblem = false;
    bool m_startedHere = false; // the running test was started by testAll()
    int m_fullAgeWidth = 0;     // "cached, 5 min ago"
    int m_compactAgeWidth = 0;  // "59 min ago"
    int m_minimumRangeWidth = 0;
    int m_total = 0;
    int m_done = 0;
    QList<client::LatencyResult> m_runResults; // finished in the current test
    QHash<QString, QString> m_regionNames;     // by code, as last given to the model
    QElapsedTimer m_elapsed;
    QTimer m_ageTimer;

    QPushButton *m_testButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_samples = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QAction *m_testAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_exportAction = nullptr;
    QLabel *m_emptyState = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
    LatencyProxyModel *m_proxy = nullptr;
    LatencyDelegate *m_delegate = nullptr;
    QLabel *m_historyTitle = nullptr;
    LatencyHistoryChart *m_history = nullptr;
};

} // namespace waddle::ui
